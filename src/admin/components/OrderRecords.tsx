import * as React from 'react';
import { Link } from 'react-router-dom';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import {
  unstable_useContentManagerContext,
  unstable_useDocument,
  useFetchClient,
} from '@strapi/strapi/admin';

const ORDER = 'api::order.order';
const LIST = '/content-manager/collection-types';

interface CreditNoteRow {
  documentId: string;
  number: string;
}

/** A content-manager list filtered as the list view's own filter would write it (any one matches). */
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
  const { model, id, collectionType } = unstable_useContentManagerContext();
  const isSavedOrder = model === ORDER && !!id && id !== 'create';
  // The edit view's own document: it is fetched again after every save, so a fulfilment or a
  // return made from this page shows up here too.
  const { document } = unstable_useDocument(
    { model, collectionType, documentId: isSavedOrder ? id : undefined },
    { skip: !isSavedOrder },
  );
  const { get } = useFetchClient();
  const [creditNotes, setCreditNotes] = React.useState<CreditNoteRow[] | null>(null);
  const [failed, setFailed] = React.useState(false);
  const updatedAt = document?.updatedAt as string | undefined;

  React.useEffect(() => {
    if (!isSavedOrder) {
      return;
    }
    let current = true;
    get(`${LIST}/api::order.credit-note`, {
      params: { filters: { orderDocumentId: { $eq: id } }, pageSize: 100, sort: 'id:ASC' },
    })
      .then((response) => {
        if (current) {
          setCreditNotes((response.data as { results: CreditNoteRow[] }).results);
        }
      })
      .catch((error: unknown) => {
        console.error("Could not load the order's credit notes", error);
        if (current) {
          setFailed(true);
        }
      });
    return () => {
      current = false;
    };
  }, [isSavedOrder, id, get, updatedAt]);

  if (!isSavedOrder) {
    return null;
  }
  const invoiceNumber = document?.invoiceNumber as string | null | undefined;
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
        ) : !document || creditNotes === null ? (
          <Loader small>Loading the order&apos;s records</Loader>
        ) : (
          <>
            <Typography>
              {invoiceNumber
                ? `Invoice ${invoiceNumber} of ${String(document.invoiceDate)}`
                : 'Not invoiced yet'}
            </Typography>
            <Link to={filteredList('api::ledger.journal-entry', [{ orderDocumentId: id }])}>
              Journal entries
            </Link>
            <Link
              to={filteredList('api::asset.stock-movement', [
                { sourceId: id },
                ...creditNotes.map((note) => ({ sourceId: note.number })),
              ])}
            >
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
