import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { VirtualClustersApi } from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { testHost } from '../../__testUtils__/fixtures';
import {
  expirySettingsOf,
  TimeToLiveField,
  timeToLiveHelp,
  validateTimeToLiveField,
} from '.';

const hosts = [
  testHost({
    expiry: { defaultTtlDays: 14, maxTtlDays: 30, noticeDays: [7, 1] },
  }),
  testHost({
    name: 'east',
    title: 'East',
    clusterGroup: 'dev',
    expiry: { defaultTtlDays: 7, maxTtlDays: 10, noticeDays: [1] },
  }),
  testHost({
    name: 'west',
    title: 'West',
    clusterGroup: 'dev',
    expiry: { defaultTtlDays: 7, maxTtlDays: 10, noticeDays: [3, 1] },
  }),
  testHost({ name: 'forever', title: 'Forever', expiry: { noticeDays: [] } }),
];

const api: Partial<VirtualClustersApi> = {
  listHostClusters: async () => hosts,
};

/** The field as a form holds it: each change becomes its value; `values` records them. */
function Form(props: {
  form: Record<string, unknown>;
  values: Array<number | undefined>;
  initial?: number;
}) {
  const [value, setValue] = useState<number | undefined>(props.initial);
  return (
    <TimeToLiveField
      {...({
        formData: value,
        onChange: (v: number | undefined) => {
          props.values.push(v);
          setValue(v);
        },
        required: false,
        rawErrors: [],
        schema: { title: 'Time to live (days)', type: 'integer' },
        uiSchema: {},
        idSchema: { $id: 'root_ttlDays' },
        formContext: { formData: props.form },
      } as any)}
    />
  );
}

async function render(form: Record<string, unknown>, initial?: number) {
  const values: Array<number | undefined> = [];
  await renderInTestApp(
    <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
      <Form form={form} values={values} initial={initial} />
    </TestApiProvider>,
  );
  return values;
}

/** What the validator says about `value` in a form holding `form`. */
async function check(
  value: number | undefined,
  form: Record<string, unknown> = { hostCluster: 'local' },
  withApi = true,
) {
  const validation = createFieldValidation();
  await validateTimeToLiveField(value, validation, {
    apiHolder: { get: () => (withApi ? api : undefined) },
    formData: form,
    schema: {},
  } as any);
  return validation.__errors;
}

describe('TimeToLiveField', () => {
  it("shows the chosen host's default and maximum, and emits whole days or undefined", async () => {
    const values = await render({ hostCluster: 'local' });
    const input = screen.getByLabelText('Time to live (days)');
    await waitFor(() => expect(input).toHaveAttribute('placeholder', '14'));
    expect(input).toHaveAttribute('max', '30');
    expect(
      screen.getByText(
        'Days until the cluster is deleted (after a final backup); empty for the default: 14 days on Local host cluster; at most 30',
      ),
    ).toBeInTheDocument();

    fireEvent.change(input, { target: { value: '21' } });
    expect(values.at(-1)).toBe(21);
    fireEvent.change(input, { target: { value: '' } });
    expect(values.at(-1)).toBeUndefined();
    expect(values).toEqual([21, undefined]);
  });

  it('says what is wrong with the days as they are typed', async () => {
    await render({ hostCluster: 'local' });
    const input = screen.getByLabelText('Time to live (days)');
    await waitFor(() => expect(input).toHaveAttribute('placeholder', '14'));
    fireEvent.change(input, { target: { value: '31' } });
    expect(
      screen.getByText('At most 30 days on Local host cluster'),
    ).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '0' } });
    expect(
      screen.getByText('A whole number of days, at least 1'),
    ).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '1.5' } });
    expect(
      screen.getByText('A whole number of days, at least 1'),
    ).toBeInTheDocument();
  });

  it("takes a group's settings where its members agree, and starts from the form's value", async () => {
    await render({ clusterGroup: 'dev' }, 5);
    const input = screen.getByLabelText('Time to live (days)');
    expect(input).toHaveValue(5);
    await waitFor(() => expect(input).toHaveAttribute('placeholder', '7'));
    expect(
      screen.getByText(
        /empty for the default: 7 days on group dev; at most 10$/,
      ),
    ).toBeInTheDocument();
  });

  it('is a plain field before a host is chosen', async () => {
    const values = await render({});
    const input = screen.getByLabelText('Time to live (days)');
    expect(input).not.toHaveAttribute('placeholder');
    expect(
      screen.getByText(
        "Days until the cluster is deleted (after a final backup); empty for the host's default",
      ),
    ).toBeInTheDocument();
    expect(values).toEqual([]);
  });

  it('finds the settings of a host or of a group whose members agree', () => {
    expect(expirySettingsOf(hosts, { hostName: 'local' })).toEqual({
      settings: { defaultTtlDays: 14, maxTtlDays: 30, noticeDays: [7, 1] },
      source: 'Local host cluster',
    });
    // the notices may differ: the default and the maximum are what a template shows
    expect(expirySettingsOf(hosts, { groupName: 'dev' }).source).toBe(
      'group dev',
    );
    const differing = [
      ...hosts,
      testHost({
        name: 'north',
        clusterGroup: 'dev',
        expiry: { maxTtlDays: 60, noticeDays: [] },
      }),
    ];
    expect(expirySettingsOf(differing, { groupName: 'dev' })).toEqual({});
    expect(expirySettingsOf(undefined, { hostName: 'local' })).toEqual({});
    expect(timeToLiveHelp({ noticeDays: [] }, 'Forever')).toBe(
      'Days until the cluster is deleted (after a final backup); empty: it does not expire on Forever',
    );
  });

  it("validates whole days from 1 up to the chosen host's maximum", async () => {
    expect(await check(undefined)).toEqual([]);
    expect(await check(30)).toEqual([]);
    expect(await check(31)).toEqual([
      'Time to live: At most 30 days on Local host cluster',
    ]);
    expect(await check(11, { clusterGroup: 'dev' })).toEqual([
      'Time to live: At most 10 days on group dev',
    ]);
    expect(await check(0)).toEqual([
      'Time to live: A whole number of days, at least 1',
    ]);
    expect(await check(2.5)).toEqual([
      'Time to live: A whole number of days, at least 1',
    ]);
    // without the API (or a host) only the backend's own bounds
    expect(await check(31, { hostCluster: 'local' }, false)).toEqual([]);
    expect(await check(4000, {})).toEqual(['Time to live: At most 3650 days']);
  });
});
