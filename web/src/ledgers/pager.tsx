import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Keyset pages have no "page n": the cursors of the pages seen so far are kept, so "previous"
 * goes back one. A list gets a fresh pager (a new key) whenever its filter changes.
 */
export function useCursors() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (cursor: string | null) => setCursors([...cursors, cursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
    reset: () => setCursors([null]),
  };
}

type Cursors = ReturnType<typeof useCursors>;

export function Pager({ cursors, pageInfo }: { cursors: Cursors; pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="pager">
      <button type="button" disabled={cursors.page < 2} onClick={cursors.previous}>{t('list.previous')}</button>
      <span>{t('list.page', { page: cursors.page })}</span>
      <button type="button" disabled={!pageInfo?.hasNextPage} onClick={() => cursors.next(pageInfo?.endCursor ?? null)}>{t('list.next')}</button>
    </div>
  );
}
