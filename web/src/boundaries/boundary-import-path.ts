/** Where the admin's boundary import lives (linked from the top bar, and from the import page). */
export const BOUNDARY_IMPORT_PATH = '/admin/boundaries';
