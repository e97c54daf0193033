import { useCallback, useMemo } from 'react';
import type { Selection } from '../risk-map/risk-map';
import { useUrlParam } from '../url-state';

const KINDS: readonly Selection['kind'][] = ['hazard', 'enterprise', 'roadSegment', 'inspection', 'accident'];
const ID = /^\d{1,18}$/;

/** `hazard:42` as a selection; anything else (a hand-edited link) as nothing opened. */
function parseOpened(value: string | null): Selection | null {
  const [kind, id] = (value ?? '').split(':');
  return KINDS.includes(kind as Selection['kind']) && id && ID.test(id) ? { kind: kind as Selection['kind'], id } : null;
}

/**
 * The opened record, kept in the URL (`?open=hazard:42`): a reload or a link sent in a chat
 * opens the same hazard, and the browser's back button closes it.
 */
export function useOpened(): [Selection | null, (selection: Selection | null) => void] {
  const [value, setValue] = useUrlParam('open');
  const opened = useMemo(() => parseOpened(value), [value]);
  const open = useCallback((selection: Selection | null) => setValue(selection ? `${selection.kind}:${selection.id}` : null), [setValue]);
  return [opened, open];
}
