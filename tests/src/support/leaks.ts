/**
 * What no response may show, whatever NODE_ENV says: a stack trace or one of its frames, a
 * file of the server, an HTML error page, or the database's own words (an SQLSTATE, a
 * constraint that was violated).
 */
export const LEAK = /stacktrace|\bat \S+ \(|node_modules|\/work\/|\/src\/|\.ts:\d+|\.js:\d+|<html|<pre>|SQLSTATE|\bconstraint\b|violates/;
