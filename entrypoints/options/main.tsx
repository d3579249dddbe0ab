import { render } from 'preact';
import '@/assets/styles/base.css';
import './options.css';
import { connectAppStore } from '@/components/app-store';
import { OptionsApp } from './OptionsApp';

connectAppStore();
render(<OptionsApp />, document.getElementById('app')!);
