import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import {
  VirtualClusterProfile,
  VirtualClusterProfileRequest,
  VirtualClustersApi,
} from '@virtual-clusters/plugin-virtual-clusters-common';
import { useState } from 'react';
import { virtualClustersApiRef } from '../../api';
import { testProfiles } from '../../__testUtils__/fixtures';
import { ProfilePicker, toggleProfile, validateProfilePickerField } from '.';

const fieldProps = (overrides: object) =>
  ({
    formData: undefined,
    onChange: jest.fn(),
    required: false,
    rawErrors: [],
    schema: { title: 'Application profiles' },
    uiSchema: {},
    idSchema: { $id: 'root_profiles' },
    formContext: { formData: {} },
    ...overrides,
  } as any);

/** The picker as a form holds it: each change becomes its value; `values` records them. */
function Form(props: {
  initial?: VirtualClusterProfileRequest[];
  values: Array<VirtualClusterProfileRequest[] | undefined>;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <ProfilePicker
      {...fieldProps({
        formData: value,
        onChange: (v: VirtualClusterProfileRequest[]) => {
          props.values.push(v);
          setValue(v);
        },
      })}
    />
  );
}

async function render(
  profiles: VirtualClusterProfile[] | Error,
  initial?: VirtualClusterProfileRequest[],
) {
  const values: Array<VirtualClusterProfileRequest[] | undefined> = [];
  const api: Partial<VirtualClustersApi> = {
    listProfiles: async () => {
      if (profiles instanceof Error) throw profiles;
      return profiles;
    },
  };
  await renderInTestApp(
    <TestApiProvider apis={[[virtualClustersApiRef, api]]}>
      <Form initial={initial} values={values} />
    </TestApiProvider>,
  );
  return values;
}

describe('ProfilePicker', () => {
  it('lists the profiles with their description and what the newest version installs; none chosen is an empty list', async () => {
    const values = await render(testProfiles());
    expect(
      await screen.findByRole('checkbox', { name: 'Hello service' }),
    ).not.toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Team base' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('A greeting service, now with metrics'),
    ).toBeInTheDocument();
    const hello = within(
      screen.getByRole('list', { name: 'What Hello service 1.1.0 installs' }),
    );
    expect(
      hello.getByText(
        'Helm chart hello-profile 1.1.0 · release hello in namespace apps',
      ),
    ).toBeInTheDocument();
    expect(
      hello.getByText('Manifests settings: 2 ConfigMap, 1 Secret'),
    ).toBeInTheDocument();
    expect(screen.getByText('Manifests ns: 1 Namespace')).toBeInTheDocument();
    expect(values).toEqual([[]]);
  });

  it('emits [{ name, version }] at the newest version, in the order the profiles are listed, and another version when chosen', async () => {
    const values = await render(testProfiles());
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Team base' }));
    expect(values.at(-1)).toEqual([{ name: 'base', version: '0.1.0' }]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hello service' }));
    expect(values.at(-1)).toEqual([
      { name: 'hello', version: '1.1.0' },
      { name: 'base', version: '0.1.0' },
    ]);

    // versions newest first, the newest chosen
    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Hello service version/ }),
    );
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual(['1.1.0 (newest)', '1.0.0']);
    fireEvent.click(screen.getByRole('option', { name: '1.0.0' }));
    expect(values.at(-1)).toEqual([
      { name: 'hello', version: '1.0.0' },
      { name: 'base', version: '0.1.0' },
    ]);
    // what the chosen version installs, with its own description
    expect(
      await screen.findByText(
        'Helm chart hello-profile 1.0.0 · release hello in namespace apps',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('A greeting service and its settings'),
    ).not.toHaveLength(0);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Team base' }));
    expect(values.at(-1)).toEqual([{ name: 'hello', version: '1.0.0' }]);
  });

  it('shows a chosen profile or version that is not offered, to be removed', async () => {
    const values = await render(testProfiles(), [
      { name: 'hello', version: '0.9.0' },
      { name: 'gone', version: '1.0.0' },
    ]);
    expect(
      await screen.findByText(
        'Hello service has no version 0.9.0; choose another',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('There is no application profile gone'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove gone' }));
    expect(values.at(-1)).toEqual([{ name: 'hello', version: '0.9.0' }]);
  });

  it('says why the profiles could not be loaded', async () => {
    await render(new Error('Not allowed'));
    expect(
      await screen.findByText(
        'Could not load application profiles: Not allowed',
      ),
    ).toBeInTheDocument();
  });

  it('says when no profile is offered', async () => {
    await render([]);
    expect(
      await screen.findByText('No application profiles are offered'),
    ).toBeInTheDocument();
  });
});

describe('toggleProfile', () => {
  it('keeps each profile once and those not offered at the end', () => {
    const [hello, base] = testProfiles();
    expect(
      toggleProfile(
        [
          { name: 'gone', version: '1' },
          { name: 'base', version: '0.1.0' },
        ],
        [hello, base],
        hello,
        true,
      ),
    ).toEqual([
      { name: 'hello', version: '1.1.0' },
      { name: 'base', version: '0.1.0' },
      { name: 'gone', version: '1' },
    ]);
  });
});

describe('validateProfilePickerField', () => {
  const validate = async (
    value: VirtualClusterProfileRequest[],
    api?: Partial<VirtualClustersApi>,
  ) => {
    const validation = createFieldValidation();
    await validateProfilePickerField(value, validation, {
      apiHolder: { get: () => api as any },
      formData: {},
      schema: {},
    });
    return validation.__errors;
  };

  it('refuses a profile chosen twice', async () => {
    expect(
      await validate([
        { name: 'hello', version: '1.0.0' },
        { name: 'hello', version: '1.1.0' },
      ]),
    ).toEqual(['Profile hello is chosen more than once']);
    expect(await validate([])).toEqual([]);
  });

  it('refuses profiles and versions the backend does not offer', async () => {
    const api = { listProfiles: async () => testProfiles() };
    expect(
      await validate(
        [
          { name: 'hello', version: '0.9.0' },
          { name: 'gone', version: '1.0.0' },
          { name: 'base', version: '0.1.0' },
        ],
        api,
      ),
    ).toEqual([
      'Hello service has no version 0.9.0',
      'There is no application profile gone',
    ]);
  });
});
