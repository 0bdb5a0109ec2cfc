import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import TextField from '@material-ui/core/TextField';
import type {
  FieldExtensionComponentProps,
  FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { capstanFormProps } from './capstanFormProps';
import { problemFields } from './problemFields';
import { FormErrorSummary } from './FormErrorSummary';
import type { ErrorListProps } from '@rjsf/utils';

const REPLICAS_PROBLEM = 'Replicas must be between 1 and 100; 500 is too many.';

/** A field that shows its own problem on its input, as Capstan's fields do. */
function ReplicasField(props: FieldExtensionComponentProps<number>) {
  const problem = props.rawErrors?.[0];
  return (
    <TextField
      id={props.idSchema.$id}
      label="Replicas"
      type="number"
      value={props.formData ?? ''}
      onChange={e => props.onChange(Number(e.target.value))}
      error={!!problem}
      helperText={problem}
    />
  );
}

const replicasField: FieldExtensionOptions<number> = {
  name: 'TestReplicas',
  component: ReplicasField,
  validation: (value, field) => {
    if ((value ?? 0) > 100) field.addError(REPLICAS_PROBLEM);
  },
};

const manifest = {
  title: 'Scale a node pool',
  steps: [
    {
      title: 'Pool',
      schema: {
        type: 'object' as const,
        properties: {
          pool: {
            title: 'Node pool',
            type: 'string' as const,
            pattern: '^[a-z]+$',
          },
          replicas: {
            title: 'Replicas',
            type: 'number' as const,
            'ui:field': 'TestReplicas',
            'ui:hideError': true,
          },
        },
      },
    },
  ],
};

describe("the scaffolder form with Capstan's form props", () => {
  it('shows a problem once, on its field, and the summary at the top names the field by its title as a link to it', async () => {
    await renderInTestApp(
      <Stepper
        manifest={manifest}
        extensions={[replicasField as FieldExtensionOptions<any, any>]}
        onCreate={jest.fn()}
        initialState={{ pool: 'workers' }}
        formProps={capstanFormProps}
      />,
    );
    await userEvent.type(screen.getByLabelText('Replicas'), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    const input = await screen.findByLabelText('Replicas');
    await screen.findByText(REPLICAS_PROBLEM);
    expect(screen.getAllByText(REPLICAS_PROBLEM)).toHaveLength(1);
    expect(input).toHaveAccessibleDescription(REPLICAS_PROBLEM);

    const summary = screen.getByRole('alert', {
      name: /One field on this step needs a change/,
    });
    const links = within(summary).getAllByRole('link');
    expect(links.map(l => l.textContent)).toEqual(['Replicas']);
    expect(links[0]).toHaveAttribute('href', '#root_replicas');
    expect(summary).not.toHaveTextContent(/must|500|'/);
    // Still on the step: nothing moved on to Review.
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await userEvent.click(links[0]);
    expect(input).toHaveFocus();
  });
});

describe('FormErrorSummary', () => {
  const schema = { properties: { nodePools: { title: 'Node pools' } } };
  const error = (property: string, message: string) => ({
    property,
    message,
    stack: message,
  });

  it('counts the problems, not only the fields: one field with three problems says three', async () => {
    await renderInTestApp(
      <FormErrorSummary
        {...({
          schema,
          errors: [
            error(
              '.nodePools',
              'Node pool 1: Autoscaling min 6 is greater than max 2.',
            ),
            error('.nodePools', 'Node pool 2: Choose a size.'),
            error('.nodePools', 'Node pool 2: Replicas 500 exceeds the limit.'),
            // The same problem reported twice is one problem.
            error('.nodePools', 'Node pool 2: Choose a size.'),
          ],
        } as unknown as ErrorListProps)}
      />,
    );
    const summary = screen.getByRole('alert', {
      name: 'One field on this step has 3 problems; each is marked on it:',
    });
    expect(
      within(summary)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['Node pools']);
  });

  it('says how many fields and problems when several fields have them', async () => {
    await renderInTestApp(
      <FormErrorSummary
        {...({
          schema: {
            properties: {
              nodePools: { title: 'Node pools' },
              podCidrs: { title: 'Pod networks' },
            },
          },
          errors: [
            error('.nodePools', 'a'),
            error('.nodePools', 'b'),
            error('.podCidrs', 'c'),
          ],
        } as unknown as ErrorListProps)}
      />,
    );
    expect(
      screen.getByRole('alert', {
        name: '2 fields on this step have 3 problems; each is marked:',
      }),
    ).toBeInTheDocument();
  });
});

describe('problemFields', () => {
  const schema = {
    properties: {
      podCidrs: { title: 'Pod networks' },
      nodePools: { title: 'Node pools' },
    },
    dependencies: {
      scaling: {
        oneOf: [{ properties: { replicas: { title: 'Machines' } } }],
      },
    },
  };

  it('names each field once by its title, never an empty entry or a property path', () => {
    const { fields, formProblems } = problemFields(
      [
        { property: '.podCidrs', message: 'a', stack: 'a' },
        { property: '.podCidrs.0', message: 'b', stack: 'b' },
        { property: '.nodePools', message: '', stack: '' },
        { property: '.replicas', message: 'c', stack: 'c' },
        { property: '.clusterName', message: 'd', stack: 'd' },
        { property: '', message: ' ', stack: ' ' },
      ],
      schema,
    );
    expect(fields).toEqual([
      { id: 'root_podCidrs', title: 'Pod networks' },
      { id: 'root_nodePools', title: 'Node pools' },
      { id: 'root_replicas', title: 'Machines' },
      { id: 'root_clusterName', title: 'Cluster name' },
    ]);
    expect(formProblems).toEqual([]);
  });

  it('says a schema keyword problem of the whole step in words', () => {
    expect(
      problemFields(
        [
          {
            property: '.',
            message: 'must match exactly one schema in oneOf',
            stack: '',
          },
        ],
        schema,
      ).formProblems,
    ).toEqual([
      'Some answers on this step do not fit together; check the choices above.',
    ]);
  });
});
