import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every package's tests at once on two cores, next to the local control plane:
// give findBy*/waitFor more than the 1 s default before a UI that is loading counts as wrong
configure({ asyncUtilTimeout: 10_000 });
