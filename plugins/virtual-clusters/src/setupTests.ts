import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every package's tests at once on two cores, next to the local control plane:
// give findBy*/waitFor more than the 1 s default before a UI that is loading counts as
// wrong, and each test more than jest's 5 s to do its steps
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
