import type { StrapiApp } from '@strapi/strapi/admin';
import { OrderRecords } from './components/OrderRecords';

export default {
  config: { locales: [] },
  bootstrap(app: StrapiApp) {
    // An order's edit page links to what the lifecycle wrote for it: its invoice, journal
    // entries, stock movements and credit notes, each read-only in the content manager.
    app.getPlugin('content-manager').injectComponent('editView', 'right-links', {
      name: 'middlepath-order-records',
      Component: OrderRecords,
    });
  },
};
