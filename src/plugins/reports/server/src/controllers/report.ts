import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { REPORT_NAMES, REPORTS } from '../reports';
import { toCsv } from '../reports/csv';
import { parseParams } from '../reports/params';
import { inReadSnapshot } from '../reports/snapshot';

/** Thin controller: finds the report, validates its parameters, runs it, renders JSON or CSV. */
export const reportController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const name = String(ctx.params.report);
    const report = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
    if (!report) {
      throw new errors.NotFoundError(
        `No report named ${name}; the reports are ${REPORT_NAMES.join(', ')}`,
      );
    }
    const params = parseParams(ctx.query as Record<string, unknown>, report.params);
    const result = await inReadSnapshot(strapi, () => report.run(strapi, params));
    if (params.format === 'csv') {
      const { columns, rows } = report.table(result, params);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${name}.csv"`);
      ctx.body = toCsv(columns, rows);
      return;
    }
    ctx.body = result;
  },
});
