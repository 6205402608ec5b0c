import { useEffect, useState } from 'preact/hooks';

/**
 * Screens are addressed by the URL's fragment (#/referrals/ref_…?status=sent): a static host serves the one
 * index.html for every screen, and a reload or a shared link opens the same screen.
 */
export interface Route {
  screen: string;
  /** Path segments after the screen's, decoded. */
  rest: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [screen = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { screen, rest, query: new URLSearchParams(search) };
}

export function href(screen: string, rest: readonly string[] = [], query?: Record<string, string | undefined>) {
  const path = [screen, ...rest].map(encodeURIComponent).join('/');
  const search = new URLSearchParams(
    Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

export const navigate = (to: string) => {
  location.hash = to;
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
