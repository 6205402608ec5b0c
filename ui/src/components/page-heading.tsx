import { useEffect, useRef } from 'preact/hooks';

/**
 * A view's h1, focused when it first shows. The shell focuses a screen's heading when the screen's code
 * has loaded, but a heading that waits for the API (a service's name), or a view changed inside a screen,
 * shows later: this gives a keyboard or screen reader user the same landing. Not on a change of language,
 * which would take focus away from the language button.
 */
export function PageHeading({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}
