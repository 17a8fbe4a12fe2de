import { startSpecCounts } from './specSummary';

export default function globalSetup(): void {
	startSpecCounts();
}
