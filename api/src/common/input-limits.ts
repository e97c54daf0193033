import { ArrayMaxSize, Max, MaxLength, Min, NotContains, ValidateNested, type ValidationOptions } from 'class-validator';

// The size of everything a client may send, in one place. type-graphql checks these
// decorators before any resolver runs (buildSchema({ validate }) in schema.ts) and a
// violation is BAD_USER_INPUT with `extensions.field` (errors.ts); texts passed as plain
// arguments (a note, a reason) are checked by requireText against the same TEXT_LIMITS.
// The request body is capped before all of this (MAX_BODY_BYTES).

/** Longest text, in characters, per kind of text. */
export const TEXT_LIMITS = {
  /** A description of a hazard or an accident, measures, a contingency plan. */
  description: 4000,
  /** A transition note, a reason, an inspection summary, an enforcement note. */
  note: 2000,
  /** Names of enterprises, roads, places, units and departments; an address. */
  name: 200,
  /** A person's name, a phone number, the public's contact. */
  contact: 100,
  /** Codes: a town code, a credit code, a road number, a hazard type. */
  code: 50,
  /** A search text in a filter. */
  search: 200,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** Most items per list input. */
export const LIST_LIMITS = {
  inspectors: 50,
  findings: 100,
  actions: 20,
  features: 20,
  /** Values of an enumeration in a filter (sectors, levels, statuses). */
  filterValues: 50,
} as const;

/** A text of `kind`: at most its TEXT_LIMITS characters, no NUL character (PostgreSQL stores none). */
export function Text(kind: TextKind, options: ValidationOptions = {}): PropertyDecorator {
  const max = TEXT_LIMITS[kind];
  return (target, key) => {
    MaxLength(max, { ...options, message: ({ property }) => `${property} is longer than ${max} characters` })(target, key);
    NotContains('\u0000', { ...options, message: ({ property }) => `${property} contains a NUL character` })(target, key);
  };
}

/** A list of at most `max` items. */
export function List(max: number): PropertyDecorator {
  return ArrayMaxSize(max, { message: ({ property }) => `${property} has more than ${max} items` });
}

/** A list of texts: at most `max` items of `kind` each. */
export function TextList(max: number, kind: TextKind): PropertyDecorator {
  return (target, key) => {
    List(max)(target, key);
    Text(kind, { each: true })(target, key);
  };
}

/** A nested input (or a list of them) whose own fields are checked too. */
export function Nested(max?: number): PropertyDecorator {
  return (target, key) => {
    ValidateNested()(target, key);
    if (max !== undefined) List(max)(target, key);
  };
}

/** A whole number within min..max. */
export function Between(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    Min(min, { message: ({ property }) => `${property} must be at least ${min}` })(target, key);
    Max(max, { message: ({ property }) => `${property} must be at most ${max}` })(target, key);
  };
}
