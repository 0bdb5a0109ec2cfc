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
  useEffect(() => {
    if (text !== formData) onChange(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
}
