/** Loads pagefind's UI (and with it the index) once, on the reader's first move towards search. */

let loading: Promise<void> | undefined;

export function loadSearchUi(selector: string): Promise<void> {
  loading ??= (async () => {
    const [{ PagefindUI }] = await Promise.all([
      // @ts-expect-error: the package ships no types.
      import('@pagefind/default-ui') as Promise<{ PagefindUI: new (options: object) => unknown }>,
      import('@pagefind/default-ui/css/ui.css'),
    ]);
    const container = document.querySelector(selector);
    container?.replaceChildren();
    const base = import.meta.env.BASE_URL;
    new PagefindUI({
      element: selector,
      baseUrl: base,
      bundlePath: `${base.replace(/\/$/, '')}/pagefind/`,
      showImages: false,
      showSubResults: true,
      showEmptyFilters: false,
      resetStyles: false,
      translations: { placeholder: 'Search topics, terms, abbreviations' },
    });
  })();
  return loading;
}
