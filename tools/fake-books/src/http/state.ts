import type { ParameterizedContext } from 'koa';
import type Router from '@koa/router';
import type { RequestLogEntry } from '../request-log';
import type { BooksContext } from '../services/context';

/** What middleware leaves on `ctx.state` for the handlers after it. */
export interface FakeBooksState {
  logEntry?: RequestLogEntry;
  /** Set by the API guard once the token, organization and limits have been checked. */
  books?: BooksContext;
}

/** A Koa context of this app, as plain middleware sees it. */
export type FakeBooksKoaContext = ParameterizedContext<FakeBooksState>;

/** A context inside a router, with `ctx.params`. */
export type FakeBooksContext = ParameterizedContext<
  FakeBooksState,
  Router.RouterParamContext<FakeBooksState>
>;

export type FakeBooksRouter = Router<FakeBooksState>;
