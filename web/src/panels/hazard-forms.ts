import type { HazardAction } from '../gql/graphql';

export type Form = 'start' | 'submit' | 'verify' | 'reject' | 'extend' | 'reopen' | 'publish' | 'unpublish' | 'list';
/** The actions asked for by the panel's generic form; listing has a form of its own (forms/listing-form.tsx). */
export type NoteForm = Exclude<Form, 'list'>;

/** The form behind each action the API offers (Hazard.viewerActions, decided by the database). */
export const FORMS: Partial<Record<HazardAction, Form>> = {
  START_RECTIFICATION: 'start', SUBMIT_RECTIFICATION: 'submit', VERIFY_PASS: 'verify', VERIFY_FAIL: 'reject',
  EXTEND_DEADLINE: 'extend', REOPEN: 'reopen', PUBLISH: 'publish', UNPUBLISH: 'unpublish', LIST_FOR_SUPERVISION: 'list',
};

