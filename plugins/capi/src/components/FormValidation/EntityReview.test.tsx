import { waitFor } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  EntityReview,
  entityReviewText,
  type EntityReviewUiOptions,
} from './EntityReview';

/** The catalog's presentation of a few groups, as the app's API reads them. */
const titles: Record<string, string> = {
  'group:default/team-payments': 'Team Payments',
  'group:default/sre': 'sre',
};
const presentation: EntityPresentationApi = {
  forEntity: (entityOrRef: unknown) => {
    const entityRef = String(entityOrRef);
    const snapshot = {
      entityRef,
      primaryTitle: titles[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

async function review(form: Record<string, unknown>, refField?: string) {
  const props = fieldProps<string, EntityReviewUiOptions>({
    formContextData: form,
    uiOptions: refField ? { refField } : {},
    schema: { title: 'Owner' },
  });
  await renderInTestApp(
    <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
      <EntityReview {...props} />
    </TestApiProvider>,
  );
  return props;
}

describe('EntityReview', () => {
  it('hands Review the owner by its title with its name, not the raw ref', async () => {
    const props = await review({ owner: 'group:default/team-payments' });
    await waitFor(() =>
      expect(props.onChange).toHaveBeenCalledWith(
        'Team Payments (team-payments)',
      ),
    );
    expect(props.onChange).not.toHaveBeenCalledWith(
      expect.stringContaining('group:default/'),
    );
  });

  it('reads the field it is pointed at, and falls back to the name', async () => {
    const props = await review(
      { owner: 'group:default/team-payments', lead: 'group:default/sre' },
      'lead',
    );
    await waitFor(() => expect(props.onChange).toHaveBeenCalledWith('sre'));
  });

  it('names an entity without a title by its name', () => {
    expect(entityReviewText('component:default/payments-api', '')).toBe(
      'payments-api',
    );
    expect(
      entityReviewText(
        'component:default/payments-api',
        'component:default/payments-api',
      ),
    ).toBe('payments-api');
    expect(entityReviewText('not a ref', 'not a ref')).toBe('not a ref');
  });

  it('clears its value when the field is emptied', async () => {
    const props = fieldProps<string, EntityReviewUiOptions>({
      formData: 'Team Payments (team-payments)',
      formContextData: {},
    });
    await renderInTestApp(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <EntityReview {...props} />
      </TestApiProvider>,
    );
    expect(props.onChange).toHaveBeenCalledWith(undefined);
  });
});
