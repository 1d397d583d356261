/** `$app/paths` for unit and component tests (see navigation.ts): the site served at the root. */
export const base = '';
export const asset = (path: string) => path;
export const resolve = (path: string) => path;
