import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';
import { DataState } from '../hooks';

/**
 * The plugin's one way to show what a data hook loaded: a progress bar until the
 * first value, a load error as a `ResponseErrorPanel`, else `children` with the value
 * (kept while it reloads); nothing where the hook loaded nothing.
 */
export function Loaded<T>(props: {
  state: Pick<DataState<T>, 'loading' | 'error' | 'value'>;
  children: (value: NonNullable<T>) => ReactNode;
}) {
  const { loading, error, value } = props.state;
  if (error) return <ResponseErrorPanel error={error} />;
  if (value === undefined || value === null) {
    return loading ? <Progress /> : null;
  }
  return <>{props.children(value as NonNullable<T>)}</>;
}
