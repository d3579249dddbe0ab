import { render } from 'preact';
import '@/assets/styles/base.css';
import '@/components/settings/options.css';
import { connectAppStore } from '@/components/app-store';
import { OptionsApp } from '@/components/settings/OptionsApp';

connectAppStore();
render(<OptionsApp />, document.getElementById('app')!);
