import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type {
  Day2Check,
  Day2Field,
  Day2FieldProblem,
} from '@capstan/plugin-capi-common';
import { z } from 'zod';
import type { CapiActionOptions } from '../options';
import {
  addNodePoolChange,
  decommissionChange,
  scaleNodePoolChange,
  upgradeKubernetesChange,
} from '../assistant/day2Changes';
import {
  runAssistantChange,
  type AssistantChange,
} from '../assistant/runAssistantChange';

const text = z.string().max(1000);
const count = z.number().int().min(-1_000_000).max(1_000_000);

/**
 * A day-2 form as the browser sends it for checking (the template's own
 * fields), each bounded in size.
 */
export const day2FormSchema = z.discriminatedUnion('change', [
  z.object({
    change: z.literal('capi-scale-node-pool'),
    cluster: text,
    pool: text,
    replicas: count.optional(),
    autoscaling: z
      .object({ min: count.optional(), max: count.optional() })
      .optional(),
    confirmConcurrentChange: z.boolean().optional(),
  }),
  z.object({
    change: z.literal('capi-add-node-pool'),
    cluster: text,
    pool: z.object({
      name: text,
      size: text,
      replicas: count.optional(),
      autoscaling: z
        .object({ min: count.optional(), max: count.optional() })
        .optional(),
      labels: z.record(text).optional(),
    }),
    confirmConcurrentChange: z.boolean().optional(),
  }),
  z.object({
    change: z.literal('capi-decommission-cluster'),
    cluster: text,
    confirm: text.optional(),
  }),
  z.object({
    change: z.literal('capi-upgrade-kubernetes'),
    cluster: text,
    kubernetesVersion: text,
    confirmConcurrentChange: z.boolean().optional(),
  }),
]);

export type Day2Form = z.infer<typeof day2FormSchema>;

export type { Day2Check, Day2Field, Day2FieldProblem };

/** The problems of an "Invalid …: 2 problems:\n- a\n- b" message, one each. */
function problemsOfMessage(message: string): string[] {
  const bullets = message
    .split('\n')
    .filter(line => line.startsWith('- '))
    .map(line => line.slice(2).trim())
    .filter(Boolean);
  return bullets.length > 0 ? bullets : [message];
}

/** Which input of the scale form a node pool rule (capi-common's validateNodePool) names. */
function scaleFieldOf(message: string): Day2Field {
  if (/has no node pool/.test(message)) return 'pool';
  if (/autoscaling max \d+ exceeds/.test(message)) return 'autoscaling.max';
  if (/autoscaling/.test(message)) return 'autoscaling.min';
  if (/replicas/.test(message)) return 'replicas';
  return 'change';
}

/**
 * Which input of the add-pool form a rule of planAddNodePool names: the
 * name (its shape, a pool the cluster already has, a reserved name), the
 * size, else the numbers as on the scale form.
 */
function addFieldOf(message: string): Day2Field {
  if (
    /^node pool name\b|already has a node pool|is reserved for/.test(message)
  ) {
    return 'pool';
  }
  if (/: (choose a size|unknown size)/.test(message)) return 'size';
  // Neither a count nor bounds yet: the impact box asks for one.
  if (/: set replicas, or autoscaling/.test(message)) return 'change';
  return scaleFieldOf(message);
}

/**
 * A problem as its field says it: on the add-pool form every input is the
 * new pool's, so `node pool "gpu": ` would only repeat the name above.
 */
function onItsField(form: Day2Form, message: string): string {
  if (form.change !== 'capi-add-node-pool') return message;
  const own = message.replace(/^node pool "[^"]*": /, '');
  // The form's words: its input is "Machines", not replicas.
  return own === 'set replicas, or autoscaling min and max'
    ? 'enter the number of machines, or autoscaling bounds'
    : own;
}

/**
 * Every problem of a day-2 form, each on the input it is about: the dry run
 * of the template's own change (runDay2Change: the caller's permission, the
 * cluster in Git, the planning code), so the form refuses exactly what the
 * action would. Problems the planning finds are the form's (the replicas, the
 * bounds, the version); a cluster that is missing or not the caller's to
 * change is marked on the cluster. Anything else (a change in flight, Git
 * unreachable) is thrown: it does not make the input wrong. Writes nothing.
 */
export async function validateDay2Form(
  form: Day2Form,
  options: CapiActionOptions,
  call: { credentials: BackstageCredentials; logger: LoggerService },
): Promise<Day2Check> {
  let change: AssistantChange;
  let fieldOf: (message: string) => Day2Field;
  try {
    if (form.change === 'capi-scale-node-pool') {
      change = scaleNodePoolChange(form);
      fieldOf = scaleFieldOf;
    } else if (form.change === 'capi-add-node-pool') {
      change = addNodePoolChange(form);
      fieldOf = addFieldOf;
    } else if (form.change === 'capi-decommission-cluster') {
      change = decommissionChange(form);
      fieldOf = () => 'cluster';
    } else {
      change = await upgradeKubernetesChange(options, form);
      fieldOf = () => 'kubernetesVersion';
    }
  } catch (error) {
    if (isError(error) && error.name === 'InputError') {
      return { problems: [{ field: 'cluster', message: error.message }] };
    }
    throw error;
  }
  let planning = false;
  const edit = change.edit;
  const checked: AssistantChange = {
    ...change,
    edit: (manifests, profile) => {
      planning = true;
      const result = edit(manifests, profile);
      planning = false;
      return result;
    },
  };
  const { change: _template, ...input } = form;
  try {
    const result = await runAssistantChange(
      options,
      {
        actionId: change.actionId,
        input,
        dryRun: true,
        credentials: call.credentials,
        logger: call.logger,
      },
      checked,
    );
    return { problems: [], summary: result.summary };
  } catch (error) {
    if (!isError(error)) throw error;
    if (planning && error.name === 'InputError') {
      return {
        problems: problemsOfMessage(error.message).map(message => ({
          field: fieldOf(message),
          message: onItsField(form, message),
        })),
      };
    }
    if (
      !planning &&
      ['InputError', 'NotFoundError', 'NotAllowedError'].includes(error.name)
    ) {
      return { problems: [{ field: 'cluster', message: error.message }] };
    }
    throw error;
  }
}
