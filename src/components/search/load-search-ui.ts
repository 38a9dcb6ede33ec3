/** Loads pagefind's UI (and with it the index) once, on the reader's first move towards search. */

interface ResultData {
  url: string;
}

/** On the map, a topic result focuses its node there instead of leaving the map. */
function onMap(result: ResultData): ResultData {
  const id = /^\/([a-z0-9-]+)\/$/.exec(result.url)?.[1];
  return id ? { ...result, url: `/map/?focus=${id}` } : result;
}

let loading: Promise<void> | undefined;

export function loadSearchUi(selector: string): Promise<void> {
  loading ??= (async () => {
    const [{ PagefindUI }] = await Promise.all([import('@pagefind/default-ui'), import('@pagefind/default-ui/css/ui.css')]);
    const container = document.querySelector(selector);
    container?.replaceChildren();
    const base = import.meta.env.BASE_URL;
    const mapPage = location.pathname === '/map/';
    new PagefindUI({
      element: selector,
      baseUrl: base,
      bundlePath: `${base.replace(/\/$/, '')}/pagefind/`,
      showImages: false,
      // On the map a result is a place on the map, so the page's sections are not listed.
      showSubResults: !mapPage,
      showEmptyFilters: false,
      resetStyles: false,
      translations: { placeholder: mapPage ? 'Find a topic on the map' : 'Search topics, terms, abbreviations' },
      processResult: mapPage ? onMap : undefined,
    });
  })();
  return loading;
}
