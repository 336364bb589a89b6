const PLUGIN_ID = 'accounting-sync';

export default {
  register(app: { registerPlugin(plugin: object): void }) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Accounting sync' });
  },
};
