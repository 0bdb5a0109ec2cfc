import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import type { FormField } from '@backstage/plugin-scaffolder-react/alpha';
import { formFieldExtension } from './formFieldExtensions';

describe('formFieldExtension', () => {
  it('reads a FormFieldBlueprint field as the options the Workflow takes', () => {
    const component = () => null;
    const validation = jest.fn();
    expect(
      formFieldExtension(
        createFormField({ name: 'CapiNetworkList', component, validation }),
      ),
    ).toEqual({
      name: 'CapiNetworkList',
      component,
      validation,
      schema: undefined,
    });
  });

  it('refuses anything else with the reason', () => {
    expect(() =>
      formFieldExtension({ name: 'x' } as unknown as FormField),
    ).toThrow(/Unsupported scaffolder form field/);
  });
});
