import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  ChangeCountField,
  type ChangeCountUiOptions,
} from './ChangeCountField';

describe('ChangeCountField', () => {
  it('marks its input with the problem, linked to it, once', async () => {
    const props = fieldProps<number, ChangeCountUiOptions>({
      formData: 500,
      schema: { title: 'Machines', type: 'integer' },
      rawErrors: [
        'Node pool "general": replicas 500 exceeds the profile\'s limit of 20.',
      ],
    });
    await renderInTestApp(<ChangeCountField {...props} />);
    const input = screen.getByRole('spinbutton', { name: 'Machines' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/replicas 500 exceeds/);
    expect(screen.getAllByText(/replicas 500 exceeds/)).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent(/limit of 20/);
  });

  it('hands the form a number, or nothing when cleared', async () => {
    const props = fieldProps<number, ChangeCountUiOptions>({
      formData: 3,
      schema: { title: 'Minimum', type: 'integer' },
    });
    await renderInTestApp(<ChangeCountField {...props} />);
    const input = screen.getByRole('spinbutton', { name: 'Minimum' });
    expect(input).toHaveAttribute('aria-invalid', 'false');
    fireEvent.change(input, { target: { value: '7' } });
    expect(props.onChange).toHaveBeenLastCalledWith(7);
    fireEvent.change(input, { target: { value: '' } });
    expect(props.onChange).toHaveBeenLastCalledWith(undefined);
  });
});
