import { useEffect } from 'react';

/**
 * Keeps a Review field's value at `text`: such fields show nothing on the
 * form, their value is what the Review step lists (`undefined` leaves the
 * row out).
 */
export function useReviewValue(
  text: string | undefined,
  formData: string | undefined,
  onChange: (value: string | undefined) => void,
) {
  // After every render, not only when the text changes: a sibling field's
  // change made in the same moment can undo this one (rjsf hands each field
  // the form it was rendered with), and the row must still appear.
  useEffect(() => {
    if (text !== formData) onChange(text);
  });
}
