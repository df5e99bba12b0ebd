import { fireEvent, screen, waitFor } from '@testing-library/react';
import { VirtualClusterUpdate } from '@virtual-clusters/plugin-virtual-clusters-common';
import { testCluster } from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { ClusterActions } from './ClusterActions';
import { readQuotaForm } from './QuotaDialog';

describe('readQuotaForm', () => {
  const form = { cpu: '', memory: '', storage: '', pods: '' };

  it('reads quantities and pods as the backend does', () => {
    expect(
      readQuotaForm({ ...form, cpu: ' 500m ', memory: '4Gi', pods: '20' }),
    ).toEqual({ quota: { cpu: '500m', memory: '4Gi', pods: 20 }, errors: {} });
  });

  it('says what is wrong, per field', () => {
    expect(
      readQuotaForm({ ...form, memory: 'a lot', pods: '0' }).errors,
    ).toEqual({
      memory: 'A quantity like 2, 500m or 4Gi',
      pods: 'A whole number of at least 1',
    });
    expect(readQuotaForm(form)).toEqual({
      errors: { cpu: 'Set at least one limit' },
    });
  });
});

describe('Change quota', () => {
  it('starts from the current quota and sends a resize', async () => {
    const updates: VirtualClusterUpdate[] = [];
    const cluster = testCluster({
      id: 'quota-c1',
      spec: {
        ...testCluster().spec,
        quota: { cpu: '2', memory: '4Gi', pods: 30 },
      },
    });
    await renderWithApis(
      <ClusterActions
        cluster={cluster}
        kubernetesVersions={[]}
        onChanged={() => {}}
      />,
      {
        api: {
          updateCluster: async (_id: string, u: VirtualClusterUpdate) => {
            updates.push(u);
            return { ...cluster, phase: 'Upgrading' as const };
          },
        },
      },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Change quota' }),
    );
    expect(await screen.findByLabelText('CPU requests')).toHaveValue('2');
    expect(screen.getByLabelText('Pods')).toHaveValue('30');

    const memory = screen.getByLabelText('Memory requests');
    fireEvent.change(memory, { target: { value: 'lots' } });
    expect(
      screen.getByText('A quantity like 2, 500m or 4Gi'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();

    fireEvent.change(memory, { target: { value: '8Gi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(updates).toEqual([
        { action: 'resize', quota: { cpu: '2', memory: '8Gi', pods: 30 } },
      ]),
    );
  });
});
