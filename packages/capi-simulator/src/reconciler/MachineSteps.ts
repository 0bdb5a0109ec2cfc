import { InfrastructureProvider } from '../api/resources';
import { KubeObject } from '../types';
import { LIFECYCLE_SECONDS, ReconcileContext } from './ReconcileContext';
import { RESOURCES, suffix } from './capiMeta';
import { MachinePhase, buildMachine, machineStatus } from './machineObjects';

/**
 * A machine's own lifecycle, shared by the control plane and the pools:
 * Pending → Provisioning → Provisioned → Running, and Deleting before it goes.
 */
export class MachineSteps {
  readonly #ctx: ReconcileContext;

  constructor(ctx: ReconcileContext) {
    this.#ctx = ctx;
  }

  machinesOf(
    namespace: string,
    clusterName: string,
    filter: (m: KubeObject) => boolean,
  ): KubeObject[] {
    return this.#ctx.store
      .entriesByLabel(RESOURCES.machines, namespace, clusterName)
      .map(e => JSON.parse(e.json) as KubeObject)
      .filter(filter)
      .sort(
        (a, b) =>
          (a.metadata.creationTimestamp ?? '').localeCompare(
            b.metadata.creationTimestamp ?? '',
          ) || a.metadata.name.localeCompare(b.metadata.name),
      );
  }

  /** Advances a machine that is not being deleted through its phases; returns it and whether it is still moving. */
  advanceMachine(
    machine: KubeObject,
    provider: InfrastructureProvider,
    canBootstrap: boolean,
    upToDate: boolean,
  ) {
    const uid = machine.metadata.uid!;
    let phase = ((machine.status?.phase as MachinePhase | undefined) ??
      'Pending') as MachinePhase;
    let moving = false;
    if (phase === 'Pending') {
      if (canBootstrap) phase = 'Provisioning';
      moving = true;
    } else if (phase === 'Provisioning') {
      if (
        this.#ctx.elapsedSeconds(uid, 'Provisioning') >=
        LIFECYCLE_SECONDS.machineProvisioning
      )
        phase = 'Provisioned';
      moving = true;
    } else if (phase === 'Provisioned') {
      if (
        this.#ctx.elapsedSeconds(uid, 'Provisioned') >=
        LIFECYCLE_SECONDS.nodeJoining
      )
        phase = 'Running';
      moving = true;
    }
    const { spec, status } = machineStatus(
      machine,
      phase,
      provider,
      new Date(),
      upToDate,
    );
    const next = { ...machine, spec: { ...machine.spec, ...spec }, status };
    return {
      machine: this.#ctx.write(RESOURCES.machines, machine, next),
      moving: moving || phase !== 'Running',
    };
  }

  /** Marks a machine for deletion; it goes through the Deleting phase before it disappears. */
  deleteMachine(machine: KubeObject): void {
    this.#ctx.store.markForDeletion(
      RESOURCES.machines,
      machine.metadata.namespace,
      machine.metadata.name,
    );
  }

  isDeleting(machine: KubeObject): boolean {
    return machine.metadata.deletionTimestamp !== undefined;
  }

  advanceDeletable(
    machine: KubeObject,
    provider: InfrastructureProvider,
    canBootstrap: boolean,
    upToDate: boolean,
  ) {
    if (this.isDeleting(machine)) {
      const uid = machine.metadata.uid!;
      if (
        this.#ctx.elapsedSeconds(uid, 'Deleting') >=
        LIFECYCLE_SECONDS.machineDeletion
      ) {
        this.#ctx.store.delete(
          RESOURCES.machines,
          machine.metadata.namespace,
          machine.metadata.name,
        );
        this.#ctx.forget(uid);
        return { machine: undefined, moving: true };
      }
      const { spec, status } = machineStatus(
        machine,
        'Deleting',
        provider,
        new Date(),
        upToDate,
      );
      return {
        machine: this.#ctx.write(RESOURCES.machines, machine, {
          ...machine,
          spec: { ...machine.spec, ...spec },
          status,
        }),
        moving: true,
      };
    }
    return this.advanceMachine(machine, provider, canBootstrap, upToDate);
  }

  createMachine(
    cluster: KubeObject,
    owner: KubeObject,
    provider: InfrastructureProvider,
    init: {
      controlPlane: boolean;
      version: string;
      deploymentName?: string;
      machineSetName?: string;
      templateHash?: string;
    },
  ): KubeObject {
    const base = init.machineSetName ?? owner.metadata.name;
    const name = `${base}-${suffix(
      owner.metadata.uid!,
      String(this.#ctx.store.revision),
    )}`;
    return this.#ctx.store.create(
      RESOURCES.machines,
      buildMachine(
        {
          name,
          namespace: cluster.metadata.namespace!,
          clusterName: cluster.metadata.name,
          version: init.version,
          provider,
          owner,
          controlPlane: init.controlPlane,
          deploymentName: init.deploymentName,
          machineSetName: init.machineSetName,
          templateHash: init.templateHash,
        },
        new Date(),
      ),
    );
  }
}
