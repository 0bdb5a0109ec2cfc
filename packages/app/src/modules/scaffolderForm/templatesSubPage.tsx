import {
  ExtensionBoundary,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import {
  formFieldsApiRef,
  type FormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { Route, Routes } from 'react-router-dom';

/**
 * The scaffolder's templates sub-page (`/create/templates`), its template
 * list as the scaffolder draws it, and each template's form with Capstan's
 * form props (see capstanFormProps): in the new frontend system the
 * sub-page passes its own `formProps` and offers no way to set them.
 */
export const templatesSubPage = scaffolderPlugin
  .getExtension('sub-page:scaffolder/templates')
  .override({
    *factory(originalFactory, { apis, node }) {
      const original = originalFactory();
      const formFieldsApi = apis.get(formFieldsApiRef);
      const loadFormFields = async (): Promise<FormField[]> =>
        (await formFieldsApi?.loadFormFields()) ?? [];
      const wizard = ExtensionBoundary.lazy(node, () =>
        import('./TemplateWizardRoute').then(m => (
          <m.TemplateWizardRoute loadFormFields={loadFormFields} />
        )),
      );
      for (const data of original) {
        if (data.id !== coreExtensionData.reactElement.id) yield data;
      }
      yield coreExtensionData.reactElement(
        <Routes>
          <Route path=":namespace/:templateName" element={wizard} />
          <Route
            path="*"
            element={original.get(coreExtensionData.reactElement)}
          />
        </Routes>,
      );
    },
  });
