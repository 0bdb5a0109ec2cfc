import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabasePublishRecordStore } from './DatabasePublishRecordStore';

describe('DatabasePublishRecordStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps records per task and path, shared by every instance on one database (%s)',
    async id => {
      const knex = await databases.init(id);
      const database = mockServices.database({ knex });
      // Two replicas: one renders, the other publishes.
      const renderer = DatabasePublishRecordStore.create({ database });
      const publisher = DatabasePublishRecordStore.create({ database });
      await renderer.put({
        taskId: 't1',
        path: 'clusters/mc/ns/a',
        files: { 'cluster.yaml': 'abc' },
      });
      await renderer.put({
        taskId: 't1',
        path: 'clusters/mc/ns/a',
        files: { 'cluster.yaml': 'def' },
      });
      expect(await publisher.get('t1', 'clusters/mc/ns/a')).toEqual({
        taskId: 't1',
        path: 'clusters/mc/ns/a',
        files: { 'cluster.yaml': 'def' },
      });
      expect(await publisher.get('t2', 'clusters/mc/ns/a')).toBeUndefined();
      expect(await publisher.get('t1', 'clusters/mc/ns/b')).toBeUndefined();
    },
  );
});
