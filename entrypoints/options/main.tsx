import { render } from 'preact';
import '@/assets/styles/base.css';
import '@/components/settings/options.css';
import { connectAppStore } from '@/components/app-store';
import { applyDocumentLanguage } from '@/components/ui/document-language';
import { OptionsApp } from '@/components/settings/OptionsApp';

applyDocumentLanguage();
connectAppStore();
render(<OptionsApp />, document.getElementById('app')!);
