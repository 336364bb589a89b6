const PLUGIN_ID = 'reports';

export default {
  register(app: { registerPlugin(plugin: object): void }) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Reports' });
  },
};
