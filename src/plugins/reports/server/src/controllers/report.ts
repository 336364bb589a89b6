import type { Context } from 'koa';

/** Thin controller: names the report, runs it, renders JSON or CSV. */
export const reportController = () => ({
  async find(ctx: Context) {
    const name = String(ctx.params.report);
    ctx.status = 404;
    ctx.body = {
      data: null,
      error: {
        status: 404,
        name: 'NotFoundError',
        message: `Unknown report: ${name}`,
        details: {},
      },
    };
  },
});
