import connection from './connection/schema.json';
import idMapEntry from './id-map-entry/schema.json';
import outboxEntry from './outbox-entry/schema.json';

export default {
  'outbox-entry': { schema: outboxEntry },
  'id-map-entry': { schema: idMapEntry },
  connection: { schema: connection },
};
