// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { EnvironmentDetails } from '../../../electron/contract';
import { useEnvironmentsStore } from '../stores/environments-store';
import { useSelectionStore } from '../stores/selection-store';
import { EnvironmentPicker } from './environment-picker';

afterEach(cleanup);

const environment = (name: string, cls: EnvironmentDetails['class'], isExample = false): EnvironmentDetails => ({
  name,
  file: `${name}.env${isExample ? '.example' : ''}`,
  isExample,
  class: cls,
  stackName: name,
  dockerContext: 'default',
  problems: [],
});

describe('EnvironmentPicker', () => {
  it('offers only deployable environments and shows the chosen one in its class colour', () => {
    useEnvironmentsStore.setState({
      environments: {
        status: 'ready',
        data: [environment('dev', 'development'), environment('prod', 'production'), environment('x', 'staging', true)],
      },
    });
    useSelectionStore.setState({ environment: undefined });
    render(<EnvironmentPicker />);

    const select = screen.getByLabelText<HTMLSelectElement>('Environment');
    const choices = [...select.options].filter((o) => !o.disabled).map((o) => o.value);
    expect(choices).toEqual(['dev', 'prod']);
    fireEvent.change(select, { target: { value: 'prod' } });

    expect(useSelectionStore.getState().environment).toBe('prod');
    expect(screen.getByText('production').className).toContain('class-production');
  });

  it('says what to do when there is no environment to pick', () => {
    useEnvironmentsStore.setState({ environments: { status: 'ready', data: [environment('x', 'staging', true)] } });
    render(<EnvironmentPicker />);
    expect(screen.getByText(/No environment yet: add one on the Environments screen/)).toBeTruthy();
  });
});
