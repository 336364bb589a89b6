import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { PLUGIN_ID } from '../constants';

export type ReportState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T; meta: { currency?: string } & Record<string, unknown> };

interface ApiFailure {
  response?: { data?: { error?: { message?: string } } };
  message?: string;
}

const failureMessage = (error: unknown) => {
  const failure = error as ApiFailure;
  return failure.response?.data?.error?.message ?? failure.message ?? 'The report could not load';
};

/** Loads one report through the admin routes (`/reports/:name`) with the admin's session. */
export function useReport<T>(name: string, query: Record<string, string> = {}): ReportState<T> {
  const { get } = useFetchClient();
  const [state, setState] = useState<ReportState<T>>({ status: 'loading' });
  const key = JSON.stringify(query);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    get<{ data: T; meta: Record<string, unknown> }>(`/${PLUGIN_ID}/${name}`, {
      params: JSON.parse(key),
      signal: controller.signal,
    })
      .then(({ data: body }) => setState({ status: 'ready', data: body.data, meta: body.meta }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ status: 'error', message: failureMessage(error) });
        }
      });
    return () => controller.abort();
  }, [get, name, key]);
  return state;
}

/** Downloads a report as CSV through the admin routes, as a file named after the report. */
export function useCsvDownload() {
  const { get } = useFetchClient();
  return useCallback(
    async (name: string, query: Record<string, string> = {}) => {
      const { data } = await get<string>(`/${PLUGIN_ID}/${name}`, {
        params: { ...query, format: 'csv' },
        responseType: 'text',
      });
      const url = URL.createObjectURL(new Blob([data], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${name}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    },
    [get],
  );
}
