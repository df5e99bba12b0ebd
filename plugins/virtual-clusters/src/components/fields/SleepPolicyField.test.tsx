import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  VirtualClusterSleepPolicy,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { testHost, testSleepSettings } from '../../__testUtils__/fixtures';
import { SleepPolicyField, sleepSettingsOf, validateSleepPolicyField } from '.';

const hosts = [
  testHost({ sleep: testSleepSettings }),
  testHost({
    name: 'east',
    title: 'East',
    clusterGroup: 'dev',
    sleep: { defaults: { afterInactivity: '1h' }, allowNeverSleep: true },
  }),
  testHost({
    name: 'west',
    title: 'West',
    clusterGroup: 'dev',
    sleep: { defaults: { afterInactivity: '1h' }, allowNeverSleep: true },
  }),
];

/** The field as a form holds it: each change becomes its value; `values` records them. */
function Form(props: {
  form: Record<string, unknown>;
  values: Array<VirtualClusterSleepPolicy | undefined>;
}) {
  const [value, setValue] = useState<VirtualClusterSleepPolicy | undefined>();
  return (
    <SleepPolicyField
      {...({
        formData: value,
        onChange: (v: VirtualClusterSleepPolicy) => {
          props.values.push(v);
          setValue(v);
        },
        required: false,
        rawErrors: [],
        schema: { title: 'Sleep policy', type: 'object' },
        uiSchema: {},
        idSchema: { $id: 'root_sleep' },
        formContext: { formData: props.form },
      } as any)}
    />
  );
}

async function render(form: Record<string, unknown>) {
  const values: Array<VirtualClusterSleepPolicy | undefined> = [];
  const api: Partial<VirtualClustersApi> = {
    listHostClusters: async () => hosts,
  };
  await renderInTestApp(
    <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
      <Form form={form} values={values} />
    </TestApiProvider>,
  );
  return values;
}

describe('SleepPolicyField', () => {
  it("shows the chosen host's defaults and emits a policy without the keys left empty", async () => {
    const values = await render({ hostCluster: 'local' });
    const after = screen.getByLabelText('Sleep after inactivity');
    await waitFor(() => expect(after).toHaveAttribute('placeholder', '2h'));
    expect(screen.getByLabelText('Time zone')).toHaveAttribute(
      'placeholder',
      'Europe/Berlin',
    );
    expect(
      screen.getByText(/default 2h on Local host cluster; at most 8h$/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'Never sleep' }),
    ).toBeDisabled();

    fireEvent.change(after, { target: { value: '90m' } });
    fireEvent.change(screen.getByLabelText('Sleep schedule'), {
      target: { value: '0 20 * * 1-5 ' },
    });
    expect(values.at(-1)).toEqual({
      afterInactivity: '90m',
      schedule: '0 20 * * 1-5',
    });
    fireEvent.change(after, { target: { value: '' } });
    expect(values.at(-1)).toEqual({ schedule: '0 20 * * 1-5' });
    // what is typed stays as typed
    expect(screen.getByLabelText('Sleep schedule')).toHaveValue(
      '0 20 * * 1-5 ',
    );
  });

  it('says what is wrong with a duration or a cron expression', async () => {
    await render({ hostCluster: 'local' });
    fireEvent.change(screen.getByLabelText('Sleep after inactivity'), {
      target: { value: '2 days' },
    });
    fireEvent.change(screen.getByLabelText('Wake-up schedule'), {
      target: { value: '8 * * 1-5' },
    });
    expect(
      screen.getByText(
        'A duration such as 2h, 90m or 1h30m (units h, m, s; no days)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Five fields: minute hour day-of-month month day-of-week, e.g. 0 20 * * 1-5',
      ),
    ).toBeInTheDocument();
  });

  it("takes a group's defaults where its members agree, and never sleep alone where allowed", async () => {
    const values = await render({ clusterGroup: 'dev' });
    const after = screen.getByLabelText('Sleep after inactivity');
    await waitFor(() => expect(after).toHaveAttribute('placeholder', '1h'));
    expect(screen.getByText(/default 1h on group dev$/)).toBeInTheDocument();
    fireEvent.change(after, { target: { value: '3h' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Never sleep' }));
    expect(values.at(-1)).toEqual({ neverSleep: true });
    expect(after).toBeDisabled();
  });

  it('is plain fields with examples before a host is chosen', async () => {
    const values = await render({});
    expect(screen.getByLabelText('Sleep after inactivity')).toHaveAttribute(
      'placeholder',
      '2h',
    );
    expect(screen.getByLabelText('Sleep schedule')).toHaveAttribute(
      'placeholder',
      '0 20 * * 1-5',
    );
    expect(screen.getByRole('checkbox', { name: 'Never sleep' })).toBeEnabled();
    expect(values).toEqual([]);
  });

  it('finds the defaults of a host or of a group whose members agree', () => {
    expect(sleepSettingsOf(hosts, { hostName: 'local' })).toEqual({
      settings: testSleepSettings,
      source: 'Local host cluster',
    });
    expect(sleepSettingsOf(hosts, { groupName: 'dev' }).source).toBe(
      'group dev',
    );
    const differing = [
      ...hosts,
      testHost({
        name: 'north',
        clusterGroup: 'dev',
        sleep: { defaults: {}, allowNeverSleep: false },
      }),
    ];
    expect(sleepSettingsOf(differing, { groupName: 'dev' })).toEqual({});
    expect(sleepSettingsOf(undefined, { hostName: 'local' })).toEqual({});
  });

  it('validates the shapes the backend accepts', async () => {
    const check = async (value: VirtualClusterSleepPolicy) => {
      const validation = createFieldValidation();
      await validateSleepPolicyField(value, validation, {} as any);
      return validation.__errors;
    };
    expect(
      await check({ afterInactivity: '2h', schedule: '0 20 * * 1-5' }),
    ).toEqual([]);
    expect(
      await check({ afterInactivity: '1d', timezone: 'Nowhere/Land' }),
    ).toEqual([
      'Sleep after inactivity: A duration such as 2h, 90m or 1h30m (units h, m, s; no days)',
      'Time zone: An IANA time zone such as Europe/Berlin or UTC',
    ]);
  });
});
