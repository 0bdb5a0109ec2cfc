import { useState, type ComponentType } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CodeSnippet,
  Content,
  Header,
  InfoCard,
  Page,
} from '@backstage/core-components';
import { ClusterProfilePicker } from '../src/components/ClusterProfilePicker/ClusterProfilePicker';
import { KubernetesVersionPicker } from '../src/components/KubernetesVersionPicker/KubernetesVersionPicker';
import { ClusterPicker } from '../src/components/ClusterPicker/ClusterPicker';
import { NodePoolsEditor } from '../src/components/NodePoolsEditor/NodePoolsEditor';

type FormData = Record<string, unknown>;

/** Renders each field the way the scaffolder's form would, sharing one form state. */
function Field(props: {
  component: ComponentType<any>;
  name: string;
  title: string;
  description?: string;
  uiOptions?: Record<string, unknown>;
  formData: FormData;
  setFormData: (update: (previous: FormData) => FormData) => void;
}) {
  const Component = props.component;
  return (
    <Component
      name={props.name}
      schema={{ title: props.title, description: props.description }}
      uiSchema={{ 'ui:options': props.uiOptions ?? {} }}
      idSchema={{ $id: `root_${props.name}` }}
      formData={props.formData[props.name]}
      formContext={{ formData: props.formData }}
      onChange={(value: unknown) =>
        props.setFormData(previous => ({ ...previous, [props.name]: value }))
      }
      onBlur={() => {}}
      onFocus={() => {}}
      disabled={false}
      readonly={false}
      rawErrors={[]}
      registry={{}}
    />
  );
}

export function FormFieldsDemo() {
  const [formData, setFormData] = useState<FormData>({
    profile: 'onprem-fra-prod',
    nodePools: [
      {
        name: 'workers',
        size: 'large',
        replicas: 3,
        autoscaling: { min: 3, max: 8 },
      },
      { name: 'Batch_Jobs', size: 'medium', replicas: 30 },
    ],
    upgradeCluster: 'onprem-fra/team-payments/payments-prod',
  });
  const common = { formData, setFormData };
  return (
    <Page themeId="tool">
      <Header
        title="Capstan scaffolder fields"
        subtitle="As used by the capi-* templates"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={7}>
            <InfoCard title="New cluster">
              <Field
                {...common}
                component={ClusterProfilePicker}
                name="profile"
                title="Cluster profile"
              />
              <Field
                {...common}
                component={KubernetesVersionPicker}
                name="kubernetesVersion"
                title="Kubernetes version"
                uiOptions={{ profileField: 'profile' }}
              />
              <Field
                {...common}
                component={NodePoolsEditor}
                name="nodePools"
                title="Node pools"
                description="Worker machines of the cluster"
                uiOptions={{ profileField: 'profile' }}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title="Upgrade Kubernetes">
              <Field
                {...common}
                component={ClusterPicker}
                name="upgradeCluster"
                title="Cluster"
              />
              <Field
                {...common}
                component={KubernetesVersionPicker}
                name="targetVersion"
                title="Target version"
                uiOptions={{ upgradeFromCluster: 'upgradeCluster' }}
              />
            </InfoCard>
            <Box mt={3} />
            <InfoCard title="Form data">
              <Typography variant="caption">
                What the template receives
              </Typography>
              <CodeSnippet
                language="json"
                text={JSON.stringify(formData, null, 2)}
              />
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
