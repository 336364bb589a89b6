import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useState, type ReactNode } from 'react';
import { useCsvDownload, type ReportState } from './useReport';

interface ReportSectionProps<T> {
  title: string;
  /** The report's name, for its CSV download. */
  report: string;
  query?: Record<string, string>;
  state: ReportState<T>;
  isEmpty: (data: T) => boolean;
  emptyText: string;
  children: (data: T, meta: Record<string, unknown>) => ReactNode;
}

/** One report on the page: its title, a CSV download, and its loading, error or empty state. */
export function ReportSection<T>(props: ReportSectionProps<T>) {
  const { title, report, query, state, isEmpty, emptyText, children } = props;
  const download = useCsvDownload();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const onDownload = () => {
    setDownloadError(null);
    download(report, query).catch(() => setDownloadError('The CSV file could not be downloaded'));
  };
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      marginBottom={6}
      data-report={report}
    >
      <Flex justifyContent="space-between" alignItems="center" marginBottom={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        <Button variant="secondary" startIcon={<Download />} onClick={onDownload}>
          CSV
        </Button>
      </Flex>
      {downloadError && (
        <Typography textColor="danger600" role="alert">
          {downloadError}
        </Typography>
      )}
      {state.status === 'loading' && <Loader small>Loading {title.toLowerCase()}…</Loader>}
      {state.status === 'error' && (
        <Typography textColor="danger600" role="alert" data-state="error">
          {title} could not load: {state.message}
        </Typography>
      )}
      {state.status === 'ready' &&
        (isEmpty(state.data) ? (
          <EmptyStateLayout content={emptyText} />
        ) : (
          children(state.data, state.meta)
        ))}
    </Box>
  );
}
