import * as React from 'react';
import { Link } from 'react-router-dom';
import { Box, Flex, Typography } from '@strapi/design-system';
import { unstable_useContentManagerContext, useFetchClient } from '@strapi/strapi/admin';

const ORDER = 'api::order.order';
const LIST = '/content-manager/collection-types';

interface CreditNoteRow {
  documentId: string;
  number: string;
}

interface OrderRow {
  invoiceNumber?: string | null;
  invoiceDate?: string | null;
}

/** A content-manager list filtered on one field, as the list view's own filter would write it. */
function filteredList(uid: string, filters: Record<string, string>[]): string {
  const query = new URLSearchParams({ page: '1', pageSize: '50', sort: 'id:ASC' });
  const operator = filters.length > 1 ? '$or' : '$and';
  filters.forEach((filter, index) => {
    const [field, value] = Object.entries(filter)[0];
    query.set(`filters[${operator}][${index}][${field}][$eq]`, value);
  });
  return `${LIST}/${uid}?${query.toString()}`;
}

/**
 * Links from an order to its invoice, journal entries, stock movements and credit notes. Only
 * on saved orders; the records themselves are read-only where the links lead.
 */
export function OrderRecords() {
  const { model, id } = unstable_useContentManagerContext();
  const { get } = useFetchClient();
  const [order, setOrder] = React.useState<OrderRow | null>(null);
  const [creditNotes, setCreditNotes] = React.useState<CreditNoteRow[]>([]);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    if (model !== ORDER || !id || id === 'create') {
      return;
    }
    let current = true;
    Promise.all([
      get(`${LIST}/${ORDER}/${id}`),
      get(`${LIST}/api::order.credit-note`, {
        params: { filters: { orderDocumentId: { $eq: id } }, pageSize: 100, sort: 'id:ASC' },
      }),
    ])
      .then(([orderResponse, notesResponse]) => {
        if (current) {
          setOrder((orderResponse.data as { data: OrderRow }).data);
          setCreditNotes((notesResponse.data as { results: CreditNoteRow[] }).results);
        }
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [model, id, get]);

  if (model !== ORDER || !id || id === 'create') {
    return null;
  }
  const movementSources = [{ sourceId: id }, ...creditNotes.map((n) => ({ sourceId: n.number }))];
  return (
    <Box
      aria-label="Order records"
      tag="section"
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      paddingTop={4}
      paddingBottom={4}
      paddingLeft={4}
      paddingRight={4}
      width="100%"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          Order records
        </Typography>
        {failed ? (
          <Typography textColor="danger600">Could not load this order&apos;s records.</Typography>
        ) : (
          <>
            <Typography>
              {order?.invoiceNumber
                ? `Invoice ${order.invoiceNumber} of ${order.invoiceDate}`
                : 'Not invoiced yet'}
            </Typography>
            <Link to={filteredList('api::ledger.journal-entry', [{ orderDocumentId: id }])}>
              Journal entries
            </Link>
            <Link to={filteredList('api::asset.stock-movement', movementSources)}>
              Stock movements
            </Link>
            {creditNotes.length === 0 ? (
              <Typography textColor="neutral600">No credit notes</Typography>
            ) : (
              creditNotes.map((note) => (
                <Link
                  key={note.documentId}
                  to={`${LIST}/api::order.credit-note/${note.documentId}`}
                >
                  Credit note {note.number}
                </Link>
              ))
            )}
          </>
        )}
      </Flex>
    </Box>
  );
}
