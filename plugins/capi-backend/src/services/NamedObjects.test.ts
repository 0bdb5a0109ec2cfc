import { NamedObjects } from './NamedObjects';

describe('NamedObjects', () => {
  it('finds objects by kind and name, replaces in place and keeps insertion order', () => {
    const objects = new NamedObjects<{
      kind: string;
      name: string;
      v: number;
    }>();
    objects.set({ kind: 'MachineDeployment', name: 'a', v: 1 });
    objects.set({ kind: 'MachinePool', name: 'a', v: 2 });
    objects.set({ kind: 'MachineDeployment', name: 'b', v: 3 });
    objects.set({ kind: 'MachineDeployment', name: 'a', v: 4 });
    expect(objects.get('MachinePool', 'a')?.v).toBe(2);
    expect([...objects.values()].map(o => o.v)).toEqual([4, 2, 3]);
    objects.delete('MachinePool', 'a');
    objects.delete('MachinePool', 'missing');
    expect(objects.get('MachinePool', 'a')).toBeUndefined();
    expect([...objects.values()].map(o => o.v)).toEqual([4, 3]);
    expect(objects.size).toBe(2);
  });
});
