// React 19 publishes its types separately (@types/react, @types/react-dom), which this repo does not install:
// the slice of the API that tests/lib/autofill/fill-react.browser.test.ts uses, as React documents it.

declare module 'react' {
  export interface ReactElement {
    readonly type: unknown;
  }
  export interface ChangeEvent<T> {
    readonly target: T;
  }
  export function createElement<P>(
    type: string | ((props: P) => ReactElement),
    props: P | null,
    ...children: ReactElement[]
  ): ReactElement;
  export function useState<S>(initial: S): [S, (value: S) => void];
}

declare module 'react-dom/client' {
  import type { ReactElement } from 'react';
  export interface Root {
    render(element: ReactElement): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
}
