import { useCallback, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import { Progress } from '@backstage/core-components';
import {
  AnalyticsContext,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { BreadcrumbEntry } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import {
  SecretsContextProvider,
  scaffolderApiRef,
  useTemplateSecrets,
  type FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import {
  Workflow,
  type FormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { capstanFormProps } from './capstanFormProps';
import { DestructiveForm, isDestructiveTemplate } from './DestructiveForm';
import { formFieldExtension } from './formFieldExtensions';
import { ReadableForm } from './ReadableForm';
import { OrderedReviewState } from './OrderedReviewState';

/** Review lists the values in the order of the form. */
const REVIEW_COMPONENTS = { ReviewStateComponent: OrderedReviewState };

interface WizardProps {
  namespace: string;
  templateName: string;
  /** The template's catalog entity, when the catalog has it. */
  template: Entity | undefined;
  extensions: FieldExtensionOptions[];
}

/** A template's form: the scaffolder's Workflow with Capstan's form props. */
function TemplateWizard(props: WizardProps) {
  const { namespace, templateName, template, extensions } = props;
  const scaffolderApi = useApi(scaffolderApiRef);
  const { secrets } = useTemplateSecrets();
  const navigate = useNavigate();
  const taskRoute = useRouteRef(scaffolderPlugin.routes.ongoingTask);
  const rootRoute = useRouteRef(scaffolderPlugin.routes.root);
  const [creating, setCreating] = useState(false);
  const templateRef = stringifyEntityRef({
    kind: 'Template',
    namespace,
    name: templateName,
  });
  const onCreate = useCallback(
    async (values: Record<string, JsonValue>) => {
      if (creating) return;
      setCreating(true);
      try {
        const { taskId } = await scaffolderApi.scaffold({
          templateRef,
          values,
          secrets,
        });
        navigate(taskRoute({ taskId }));
      } catch (error) {
        setCreating(false);
        throw error;
      }
    },
    [creating, navigate, scaffolderApi, secrets, taskRoute, templateRef],
  );
  const onError = useCallback(() => <Navigate to={rootRoute()} />, [rootRoute]);
  return (
    <AnalyticsContext attributes={{ entityRef: templateRef }}>
      {creating && <Progress />}
      <DestructiveForm destructive={isDestructiveTemplate(template)}>
        <ReadableForm>
          <Workflow
            namespace={namespace}
            templateName={templateName}
            onCreate={onCreate}
            onError={onError}
            extensions={extensions}
            formProps={capstanFormProps}
            components={REVIEW_COMPONENTS}
          />
        </ReadableForm>
      </DestructiveForm>
    </AnalyticsContext>
  );
}

/**
 * `/create/templates/:namespace/:templateName`: the scaffolder's own wizard
 * route (its TemplatesSubPage is not exported), with the form fields of the
 * form fields API and Capstan's form props. The breadcrumb names the
 * template by its title, as the template list does.
 */
export function TemplateWizardRoute(props: {
  loadFormFields: () => Promise<FormField[]>;
}) {
  const { loadFormFields } = props;
  const { namespace = 'default', templateName = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const fields = useAsync(
    async () => (await loadFormFields()).map(formFieldExtension),
    [loadFormFields],
  );
  // A missing template is the Workflow's to report; the breadcrumb then
  // falls back to the name from the address.
  const template = useAsync(
    () =>
      catalogApi.getEntityByRef(
        stringifyEntityRef({ kind: 'Template', namespace, name: templateName }),
      ),
    [catalogApi, namespace, templateName],
  );
  if (fields.error) throw fields.error;
  if (!fields.value || template.loading) return <Progress />;
  const label = template.value?.metadata.title || templateName;
  return (
    <BreadcrumbEntry entry={{ label, href: '.' }}>
      <SecretsContextProvider>
        <TemplateWizard
          namespace={namespace}
          templateName={templateName}
          template={template.value}
          extensions={fields.value}
        />
      </SecretsContextProvider>
    </BreadcrumbEntry>
  );
}
