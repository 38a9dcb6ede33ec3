// @pagefind/default-ui ships no types; this is the part the site uses.
declare module '@pagefind/default-ui' {
  export class PagefindUI {
    constructor(options: object);
  }
}
