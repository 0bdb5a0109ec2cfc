import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DestructiveForm, isDestructiveTemplate } from './DestructiveForm';

const template = (tags?: string[]) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'capi-decommission-cluster', tags },
});

describe('DestructiveForm', () => {
  it('reads a template tagged destructive as destructive, and no other', () => {
    expect(isDestructiveTemplate(template(['kubernetes', 'destructive']))).toBe(
      true,
    );
    expect(isDestructiveTemplate(template(['kubernetes']))).toBe(false);
    expect(isDestructiveTemplate(template())).toBe(false);
    expect(isDestructiveTemplate(undefined)).toBe(false);
  });

  it("gives the form's primary buttons the destructive colour", async () => {
    await renderInTestApp(
      <DestructiveForm destructive>
        <button type="submit" data-variant="primary">
          Review what is deleted
        </button>
      </DestructiveForm>,
    );
    const button = screen.getByRole('button', {
      name: 'Review what is deleted',
    });
    expect(getComputedStyle(button).getPropertyValue('--bg')).toBe('#dc2626');
  });

  it('leaves other forms as they are', async () => {
    await renderInTestApp(
      <DestructiveForm destructive={false}>
        <button type="submit">Next</button>
      </DestructiveForm>,
    );
    expect(
      screen
        .getByRole('button', { name: 'Next' })
        .closest('[data-destructive-form]'),
    ).toBeNull();
  });
});
