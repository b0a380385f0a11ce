var H=globalThis,I=H.ShadowRoot&&(H.ShadyCSS===void 0||H.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,U=Symbol(),ee=new WeakMap,k=class{constructor(t,e,n){if(this._$cssResult$=!0,n!==U)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(I&&t===void 0){let n=e!==void 0&&e.length===1;n&&(t=ee.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),n&&ee.set(e,t))}return t}toString(){return this.cssText}},te=s=>new k(typeof s=="string"?s:s+"",void 0,U),q=(s,...t)=>{let e=s.length===1?s[0]:t.reduce((n,r,i)=>n+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+s[i+1],s[0]);return new k(e,s,U)},ne=(s,t)=>{if(I)s.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let n=document.createElement("style"),r=H.litNonce;r!==void 0&&n.setAttribute("nonce",r),n.textContent=e.cssText,s.appendChild(n)}},j=I?s=>s:s=>s instanceof CSSStyleSheet?(t=>{let e="";for(let n of t.cssRules)e+=n.cssText;return te(e)})(s):s;var{is:Pe,defineProperty:Re,getOwnPropertyDescriptor:Me,getOwnPropertyNames:ze,getOwnPropertySymbols:Te,getPrototypeOf:Oe}=Object,N=globalThis,re=N.trustedTypes,He=re?re.emptyScript:"",Ie=N.reactiveElementPolyfillSupport,x=(s,t)=>s,W={toAttribute(s,t){switch(t){case Boolean:s=s?He:null;break;case Object:case Array:s=s==null?s:JSON.stringify(s)}return s},fromAttribute(s,t){let e=s;switch(t){case Boolean:e=s!==null;break;case Number:e=s===null?null:Number(s);break;case Object:case Array:try{e=JSON.parse(s)}catch{e=null}}return e}},se=(s,t)=>!Pe(s,t),ie={attribute:!0,type:String,converter:W,reflect:!1,useDefault:!1,hasChanged:se};Symbol.metadata??=Symbol("metadata"),N.litPropertyMetadata??=new WeakMap;var f=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=ie){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(t,n,e);r!==void 0&&Re(this.prototype,t,r)}}static getPropertyDescriptor(t,e,n){let{get:r,set:i}=Me(this.prototype,t)??{get(){return this[e]},set(o){this[e]=o}};return{get:r,set(o){let l=r?.call(this);i?.call(this,o),this.requestUpdate(t,l,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??ie}static _$Ei(){if(this.hasOwnProperty(x("elementProperties")))return;let t=Oe(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(x("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(x("properties"))){let e=this.properties,n=[...ze(e),...Te(e)];for(let r of n)this.createProperty(r,e[r])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[n,r]of e)this.elementProperties.set(n,r)}this._$Eh=new Map;for(let[e,n]of this.elementProperties){let r=this._$Eu(e,n);r!==void 0&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let n=new Set(t.flat(1/0).reverse());for(let r of n)e.unshift(j(r))}else t!==void 0&&e.push(j(t));return e}static _$Eu(t,e){let n=e.attribute;return n===!1?void 0:typeof n=="string"?n:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let n of e.keys())this.hasOwnProperty(n)&&(t.set(n,this[n]),delete this[n]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return ne(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,n){this._$AK(t,n)}_$ET(t,e){let n=this.constructor.elementProperties.get(t),r=this.constructor._$Eu(t,n);if(r!==void 0&&n.reflect===!0){let i=(n.converter?.toAttribute!==void 0?n.converter:W).toAttribute(e,n.type);this._$Em=t,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(t,e){let n=this.constructor,r=n._$Eh.get(t);if(r!==void 0&&this._$Em!==r){let i=n.getPropertyOptions(r),o=typeof i.converter=="function"?{fromAttribute:i.converter}:i.converter?.fromAttribute!==void 0?i.converter:W;this._$Em=r;let l=o.fromAttribute(e,i.type);this[r]=l??this._$Ej?.get(r)??l,this._$Em=null}}requestUpdate(t,e,n,r=!1,i){if(t!==void 0){let o=this.constructor;if(r===!1&&(i=this[t]),n??=o.getPropertyOptions(t),!((n.hasChanged??se)(i,e)||n.useDefault&&n.reflect&&i===this._$Ej?.get(t)&&!this.hasAttribute(o._$Eu(t,n))))return;this.C(t,e,n)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:n,reflect:r,wrapped:i},o){n&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,o??e??this[t]),i!==!0||o!==void 0)||(this._$AL.has(t)||(this.hasUpdated||n||(e=void 0),this._$AL.set(t,e)),r===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,i]of this._$Ep)this[r]=i;this._$Ep=void 0}let n=this.constructor.elementProperties;if(n.size>0)for(let[r,i]of n){let{wrapped:o}=i,l=this[r];o!==!0||this._$AL.has(r)||l===void 0||this.C(r,void 0,i,l)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(n=>n.hostUpdate?.()),this.update(e)):this._$EM()}catch(n){throw t=!1,this._$EM(),n}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};f.elementStyles=[],f.shadowRootOptions={mode:"open"},f[x("elementProperties")]=new Map,f[x("finalized")]=new Map,Ie?.({ReactiveElement:f}),(N.reactiveElementVersions??=[]).push("2.1.2");var G=globalThis,oe=s=>s,L=G.trustedTypes,ae=L?L.createPolicy("lit-html",{createHTML:s=>s}):void 0,me="$lit$",v=`lit$${Math.random().toFixed(9).slice(2)}$`,pe="?"+v,Ne=`<${pe}>`,$=document,P=()=>$.createComment(""),R=s=>s===null||typeof s!="object"&&typeof s!="function",J=Array.isArray,Le=s=>J(s)||typeof s?.[Symbol.iterator]=="function",D=`[ 	
\f\r]`,C=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,le=/-->/g,ce=/>/g,_=RegExp(`>|${D}(?:([^\\s"'>=/]+)(${D}*=${D}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ue=/'/g,he=/"/g,ge=/^(?:script|style|textarea|title)$/i,Z=s=>(t,...e)=>({_$litType$:s,strings:t,values:e}),u=Z(1),Ge=Z(2),Je=Z(3),w=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),de=new WeakMap,y=$.createTreeWalker($,129);function fe(s,t){if(!J(s)||!s.hasOwnProperty("raw"))throw Error("invalid template strings array");return ae!==void 0?ae.createHTML(t):t}var Ue=(s,t)=>{let e=s.length-1,n=[],r,i=t===2?"<svg>":t===3?"<math>":"",o=C;for(let l=0;l<e;l++){let a=s[l],h,m,d=-1,p=0;for(;p<a.length&&(o.lastIndex=p,m=o.exec(a),m!==null);)p=o.lastIndex,o===C?m[1]==="!--"?o=le:m[1]!==void 0?o=ce:m[2]!==void 0?(ge.test(m[2])&&(r=RegExp("</"+m[2],"g")),o=_):m[3]!==void 0&&(o=_):o===_?m[0]===">"?(o=r??C,d=-1):m[1]===void 0?d=-2:(d=o.lastIndex-m[2].length,h=m[1],o=m[3]===void 0?_:m[3]==='"'?he:ue):o===he||o===ue?o=_:o===le||o===ce?o=C:(o=_,r=void 0);let g=o===_&&s[l+1].startsWith("/>")?" ":"";i+=o===C?a+Ne:d>=0?(n.push(h),a.slice(0,d)+me+a.slice(d)+v+g):a+v+(d===-2?l:g)}return[fe(s,i+(s[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),n]},M=class s{constructor({strings:t,_$litType$:e},n){let r;this.parts=[];let i=0,o=0,l=t.length-1,a=this.parts,[h,m]=Ue(t,e);if(this.el=s.createElement(h,n),y.currentNode=this.el.content,e===2||e===3){let d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(r=y.nextNode())!==null&&a.length<l;){if(r.nodeType===1){if(r.hasAttributes())for(let d of r.getAttributeNames())if(d.endsWith(me)){let p=m[o++],g=r.getAttribute(d).split(v),O=/([.?@])?(.*)/.exec(p);a.push({type:1,index:i,name:O[2],strings:g,ctor:O[1]==="."?V:O[1]==="?"?B:O[1]==="@"?K:E}),r.removeAttribute(d)}else d.startsWith(v)&&(a.push({type:6,index:i}),r.removeAttribute(d));if(ge.test(r.tagName)){let d=r.textContent.split(v),p=d.length-1;if(p>0){r.textContent=L?L.emptyScript:"";for(let g=0;g<p;g++)r.append(d[g],P()),y.nextNode(),a.push({type:2,index:++i});r.append(d[p],P())}}}else if(r.nodeType===8)if(r.data===pe)a.push({type:2,index:i});else{let d=-1;for(;(d=r.data.indexOf(v,d+1))!==-1;)a.push({type:7,index:i}),d+=v.length-1}i++}}static createElement(t,e){let n=$.createElement("template");return n.innerHTML=t,n}};function A(s,t,e=s,n){if(t===w)return t;let r=n!==void 0?e._$Co?.[n]:e._$Cl,i=R(t)?void 0:t._$litDirective$;return r?.constructor!==i&&(r?._$AO?.(!1),i===void 0?r=void 0:(r=new i(s),r._$AT(s,e,n)),n!==void 0?(e._$Co??=[])[n]=r:e._$Cl=r),r!==void 0&&(t=A(s,r._$AS(s,t.values),r,n)),t}var F=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:n}=this._$AD,r=(t?.creationScope??$).importNode(e,!0);y.currentNode=r;let i=y.nextNode(),o=0,l=0,a=n[0];for(;a!==void 0;){if(o===a.index){let h;a.type===2?h=new z(i,i.nextSibling,this,t):a.type===1?h=new a.ctor(i,a.name,a.strings,this,t):a.type===6&&(h=new Q(i,this,t)),this._$AV.push(h),a=n[++l]}o!==a?.index&&(i=y.nextNode(),o++)}return y.currentNode=$,r}p(t){let e=0;for(let n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(t,n,e),e+=n.strings.length-2):n._$AI(t[e])),e++}},z=class s{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,n,r){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=A(this,t,e),R(t)?t===c||t==null||t===""?(this._$AH!==c&&this._$AR(),this._$AH=c):t!==this._$AH&&t!==w&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Le(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==c&&R(this._$AH)?this._$AA.nextSibling.data=t:this.T($.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:n}=t,r=typeof n=="number"?this._$AC(t):(n.el===void 0&&(n.el=M.createElement(fe(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(e);else{let i=new F(r,this),o=i.u(this.options);i.p(e),this.T(o),this._$AH=i}}_$AC(t){let e=de.get(t.strings);return e===void 0&&de.set(t.strings,e=new M(t)),e}k(t){J(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,n,r=0;for(let i of t)r===e.length?e.push(n=new s(this.O(P()),this.O(P()),this,this.options)):n=e[r],n._$AI(i),r++;r<e.length&&(this._$AR(n&&n._$AB.nextSibling,r),e.length=r)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let n=oe(t).nextSibling;oe(t).remove(),t=n}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,n,r,i){this.type=1,this._$AH=c,this._$AN=void 0,this.element=t,this.name=e,this._$AM=r,this.options=i,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=c}_$AI(t,e=this,n,r){let i=this.strings,o=!1;if(i===void 0)t=A(this,t,e,0),o=!R(t)||t!==this._$AH&&t!==w,o&&(this._$AH=t);else{let l=t,a,h;for(t=i[0],a=0;a<i.length-1;a++)h=A(this,l[n+a],e,a),h===w&&(h=this._$AH[a]),o||=!R(h)||h!==this._$AH[a],h===c?t=c:t!==c&&(t+=(h??"")+i[a+1]),this._$AH[a]=h}o&&!r&&this.j(t)}j(t){t===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},V=class extends E{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===c?void 0:t}},B=class extends E{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==c)}},K=class extends E{constructor(t,e,n,r,i){super(t,e,n,r,i),this.type=5}_$AI(t,e=this){if((t=A(this,t,e,0)??c)===w)return;let n=this._$AH,r=t===c&&n!==c||t.capture!==n.capture||t.once!==n.once||t.passive!==n.passive,i=t!==c&&(n===c||r);r&&this.element.removeEventListener(this.name,this,n),i&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},Q=class{constructor(t,e,n){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(t){A(this,t)}};var qe=G.litHtmlPolyfillSupport;qe?.(M,z),(G.litHtmlVersions??=[]).push("3.3.3");var ve=(s,t,e)=>{let n=e?.renderBefore??t,r=n._$litPart$;if(r===void 0){let i=e?.renderBefore??null;n._$litPart$=r=new z(t.insertBefore(P(),i),i,void 0,e??{})}return r._$AI(s),r};var Y=globalThis,b=class extends f{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=ve(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return w}};b._$litElement$=!0,b.finalized=!0,Y.litElementHydrateSupport?.({LitElement:b});var je=Y.litElementPolyfillSupport;je?.({LitElement:b});(Y.litElementVersions??=[]).push("4.2.2");var be=q`
  :host {
    --_text: var(--mc-color-text, #1f2328);
    --_background: var(--mc-color-background, #ffffff);
    --_muted: var(--mc-color-muted, #4b5563);
    --_accent: var(--mc-color-accent, #1d4ed8);
    --_accent-text: var(--mc-color-accent-text, #ffffff);
    --_border: var(--mc-color-border, #8c959f);
    --_error: var(--mc-color-error, #b42318);
    --_surface: var(--mc-color-surface, #f6f8fa);
    display: block;
    font: inherit;
    font-family: var(--mc-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--mc-radius, 8px);
    padding: var(--mc-spacing, 1rem);
    max-width: var(--mc-max-width, 48rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      --_text: var(--mc-color-text, #e6edf3);
      --_background: var(--mc-color-background, #0d1117);
      --_muted: var(--mc-color-muted, #b1bac4);
      --_accent: var(--mc-color-accent, #4493f8);
      --_accent-text: var(--mc-color-accent-text, #0d1117);
      --_border: var(--mc-color-border, #8b949e);
      --_error: var(--mc-color-error, #ff7b72);
      --_surface: var(--mc-color-surface, #161b22);
    }
  }
  :host([theme="dark"]) {
    --_text: var(--mc-color-text, #e6edf3);
    --_background: var(--mc-color-background, #0d1117);
    --_muted: var(--mc-color-muted, #b1bac4);
    --_accent: var(--mc-color-accent, #4493f8);
    --_accent-text: var(--mc-color-accent-text, #0d1117);
    --_border: var(--mc-color-border, #8b949e);
    --_error: var(--mc-color-error, #ff7b72);
    --_surface: var(--mc-color-surface, #161b22);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .title {
    font-size: 1.375em;
    margin: 0 0 0.5em;
  }
  h3 {
    font-size: 1.125em;
    margin: 1.25em 0 0.5em;
  }
  h4 {
    font-size: 1em;
    margin: 0;
  }
  .intro,
  .hint,
  .score,
  .reference {
    color: var(--_muted);
  }
  .hint {
    margin: 0.25em 0;
    font-size: 0.875em;
  }
  .field {
    margin: 0 0 1em;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.5em 0.75em 0.75em;
  }
  legend,
  label {
    font-weight: 600;
  }
  .choice {
    font-weight: normal;
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.125em 0;
  }
  .choice input {
    margin-top: 0.3em;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  select,
  input:not([type="checkbox"]):not([type="radio"]) {
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.375em 0.5em;
    min-height: 2.5em;
    max-width: 100%;
  }
  input[type="checkbox"] {
    accent-color: var(--_accent);
    width: 1.125em;
    height: 1.125em;
  }
  button {
    background: var(--_accent);
    color: var(--_accent-text);
    border: 0;
    border-radius: calc(var(--mc-radius, 8px) / 2);
    padding: 0.5em 1em;
    min-height: 2.75em;
    font-weight: 600;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1.5em;
  }
  button.link {
    background: none;
    color: var(--_accent);
    padding: 0.5em 0;
    font-weight: normal;
    text-decoration: underline;
  }
  .progress {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0 0 0.5em;
  }
  input[type="radio"] {
    accent-color: var(--_accent);
    width: 1.125em;
    height: 1.125em;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  details.optional {
    margin: 0 0 1em;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    padding: 0.25em 0;
  }
  details.optional[open] > summary {
    margin-bottom: 0.75em;
  }
  .headline {
    font-size: 1.125em;
    font-weight: 600;
  }
  .ranking {
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.75em;
  }
  .variant {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--mc-radius, 8px);
    padding: 0.75em 1em;
  }
  .score {
    margin: 0.125em 0 0.5em;
  }
  .list-title {
    font-weight: 600;
    margin: 0.5em 0 0.25em;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_accent);
  }
  .error-message {
    color: var(--_error);
    font-weight: 600;
  }
  [role="alert"]:focus {
    outline: none;
  }
  .reference {
    font-size: 0.875em;
  }
`;var _e={title:"Finden Sie Ihren Entwicklungsweg",intro:"Beantworten Sie ein paar Fragen und erfahren Sie, ob Mentoring, Coaching oder eine Kombination aus beidem am besten zu Ihnen passt.",careerStage:"Karrierestufe",careerStages:{early:"Berufseinstieg",mid:"Mitte der Laufbahn",senior:"Senior-Position",executive:"Top-Management"},goals:"Was möchten Sie mit Ihrer Entwicklung erreichen?",goalsHint:"Wählen Sie mindestens ein Ziel.",goalLabels:{career_navigation:"Meine Laufbahn langfristig ausrichten",network_building:"Mein Netzwerk ausbauen",industry_knowledge:"Meine Branche besser verstehen",specific_skill:"Eine bestimmte Fähigkeit aufbauen",performance_improvement:"Meine Leistung verbessern",behaviour_change:"Eine Gewohnheit oder ein Verhalten ändern",immediate_challenge:"Eine aktuelle Herausforderung meistern",leadership_development:"Mich als Führungskraft weiterentwickeln",advancement_visibility:"Sichtbarer werden, um aufzusteigen",digital_fluency:"Sicherer mit digitalen Werkzeugen umgehen",peer_learning:"Mit Kolleginnen und Kollegen auf meiner Ebene lernen"},horizon:"Wie weit planen Sie voraus?",horizons:{4:"Etwa einen Monat",13:"Etwa drei Monate",26:"Etwa sechs Monate",52:"Etwa ein Jahr",104:"Zwei Jahre oder länger"},hoursPerWeek:"Verfügbare Stunden pro Woche",hoursHint:"Zum Beispiel 1,5",minutesPerSession:"Längste mögliche Sitzung",optional:"Mehr über Sie (optional)",urgent:"Ich brauche sofort Unterstützung",relationship:"Von wem möchten Sie lernen?",relationships:{no_preference:"Keine Präferenz",single_senior:"Von einer erfahreneren Person",several_mentors:"Von mehreren Mentorinnen und Mentoren, je für einen Bereich",peers:"Von Kolleginnen und Kollegen auf meiner Ebene",junior_colleagues:"Von jüngeren Kolleginnen und Kollegen (Reverse Mentoring)",ai_tool:"Mit einem KI-Tool oder im Selbststudium"},structure:"Wie strukturiert soll es sein?",structures:{no_preference:"Keine Präferenz",informal:"Informell",semi_structured:"Teilweise strukturiert",structured:"Strukturiert, mit festem Programm"},context:"Was steht Ihnen zur Verfügung?",contexts:{coach_budget:"Budget für einen externen Coach",sponsors_available:"Eine erfahrene Person, die sich für mich einsetzt",peers_available:"Kolleginnen und Kollegen in einer ähnlichen Phase",ai_acceptable:"KI-gestütztes Coaching ist für mich in Ordnung",senior_learns_from_juniors:"Ich bin Führungskraft und möchte von Jüngeren lernen"},submit:"Meine Empfehlung anzeigen",loading:"Die passende Option wird gesucht …",resultsTitle:"Ihre Empfehlung",topThree:"Ihre drei besten Optionen",fit:"Passung: {percent}",reasons:"Warum es passt",cautions:"Worauf Sie achten sollten",about:"Mehr über {name}",openContent:"Weiterlesen: {name}",growthPlan:"Ein Entwicklungsplan",weeks:{one:"# Woche",other:"# Wochen"},sessions:{one:"# Sitzung pro Monat",other:"# Sitzungen pro Monat"},minutes:{one:"# Minute",other:"# Minuten"},counterfactual:"Was die Empfehlung ändern würde",changeAnswers:"Meine Angaben ändern",reference:"Referenz: {id}",originNotAllowed:"Der Empfehlungsassistent ist auf dieser Website nicht verfügbar.",originHint:"Wenn Sie diese Website betreiben, fordern Sie einen Schlüssel an, der die Adresse dieser Seite enthält.",unauthorized:"Der Schlüssel des Empfehlungsassistenten ist ungültig oder wurde widerrufen.",rateLimited:{one:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunde erneut.",other:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunden erneut."},unavailable:"Der Empfehlungsassistent ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",invalid:"Bitte prüfen Sie Ihre Angaben:",notFramed:"Diese Seite funktioniert nur eingebettet in die Website eines Partners.",goalsRequired:"Wählen Sie mindestens ein Ziel.",hoursInvalid:"Geben Sie eine Stundenzahl zwischen 0,05 und 40 ein.",missingKey:"Dem Empfehlungsassistenten fehlt der Schlüssel (das Attribut api-key).",next:"Weiter",showAll:"Alle Fragen anzeigen",questionNumber:"Frage {n}",chooseOne:"Wählen Sie eine Antwort.",chooseSeveral:"Wählen Sie mindestens eine aus.",numberInvalid:"Geben Sie eine Zahl im angegebenen Bereich ein."};var S={title:"Find your development path",intro:"Answer a few questions to see whether mentoring, coaching or a blend of both suits you best.",careerStage:"Career stage",careerStages:{early:"Early career",mid:"Mid-career",senior:"Senior",executive:"Executive"},goals:"What do you want from your development?",goalsHint:"Choose at least one.",goalLabels:{career_navigation:"Finding my way in my career over the long term",network_building:"Building my network",industry_knowledge:"Learning how my industry works",specific_skill:"Building a specific skill",performance_improvement:"Improving my performance",behaviour_change:"Changing a habit or behaviour",immediate_challenge:"Handling a challenge I face now",leadership_development:"Growing as a leader",advancement_visibility:"Getting noticed for promotion",digital_fluency:"Becoming confident with digital tools",peer_learning:"Learning with colleagues at my level"},horizon:"How far ahead are you planning?",horizons:{4:"About a month",13:"About three months",26:"About six months",52:"About a year",104:"Two years or more"},hoursPerWeek:"Hours a week you can give",hoursHint:"For example 1.5",minutesPerSession:"Longest session you can attend",optional:"More about you (optional)",urgent:"I need help right now",relationship:"Who would you like to learn from?",relationships:{no_preference:"No preference",single_senior:"One more experienced person",several_mentors:"Several mentors, each for one area",peers:"Colleagues at my level",junior_colleagues:"Younger colleagues (reverse mentoring)",ai_tool:"An AI or self-paced tool"},structure:"How structured should it be?",structures:{no_preference:"No preference",informal:"Informal",semi_structured:"Somewhat structured",structured:"Structured, with a set programme"},context:"What is available to you?",contexts:{coach_budget:"Budget for an external coach",sponsors_available:"A senior sponsor or advocate",peers_available:"Colleagues at a similar stage",ai_acceptable:"AI coaching tools are fine for me",senior_learns_from_juniors:"I am a senior leader open to learning from junior staff"},submit:"Show my recommendation",loading:"Finding the best fit…",resultsTitle:"Your recommendation",topThree:"Your top three",fit:"{percent} fit",reasons:"Why it fits",cautions:"Keep in mind",about:"More about {name}",openContent:"Read more about {name}",growthPlan:"A growth plan",weeks:{one:"# week",other:"# weeks"},sessions:{one:"# session a month",other:"# sessions a month"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"What would change it",changeAnswers:"Change my answers",reference:"Reference: {id}",originNotAllowed:"The recommender is not available on this site.",originHint:"If you run this site, ask for a key that lists this page’s address.",unauthorized:"The recommender’s key is not valid or has been revoked.",rateLimited:{one:"Too many requests right now. Please try again in # second.",other:"Too many requests right now. Please try again in # seconds."},unavailable:"The recommender is unavailable right now. Please try again shortly.",invalid:"Please check your answers:",notFramed:"This page only works inside a partner’s site.",goalsRequired:"Choose at least one goal.",hoursInvalid:"Enter a number of hours between 0.05 and 40.",missingKey:"The recommender has no key (the api-key attribute).",next:"Next",showAll:"Show all questions",questionNumber:"Question {n}",chooseOne:"Choose one answer.",chooseSeveral:"Choose at least one.",numberInvalid:"Enter a number in the range asked."};var ye={title:"Encuentra tu camino de desarrollo",intro:"Responde a unas preguntas y descubre si te conviene más la mentoría, el coaching o una combinación de ambos.",careerStage:"Etapa profesional",careerStages:{early:"Inicio de carrera",mid:"Mitad de carrera",senior:"Perfil sénior",executive:"Alta dirección"},goals:"¿Qué esperas de tu desarrollo?",goalsHint:"Elige al menos uno.",goalLabels:{career_navigation:"Orientar mi carrera a largo plazo",network_building:"Ampliar mi red de contactos",industry_knowledge:"Conocer a fondo mi sector",specific_skill:"Desarrollar una habilidad concreta",performance_improvement:"Mejorar mi rendimiento",behaviour_change:"Cambiar un hábito o una conducta",immediate_challenge:"Afrontar un reto que tengo ahora",leadership_development:"Crecer como líder",advancement_visibility:"Ganar visibilidad para ascender",digital_fluency:"Manejar con soltura las herramientas digitales",peer_learning:"Aprender con compañeros de mi mismo nivel"},horizon:"¿A qué plazo lo planteas?",horizons:{4:"Alrededor de un mes",13:"Unos tres meses",26:"Unos seis meses",52:"Alrededor de un año",104:"Dos años o más"},hoursPerWeek:"Horas a la semana que puedes dedicarle",hoursHint:"Por ejemplo, 1,5",minutesPerSession:"Duración máxima de una sesión",optional:"Más sobre ti (opcional)",urgent:"Necesito ayuda ahora mismo",relationship:"¿De quién te gustaría aprender?",relationships:{no_preference:"Sin preferencia",single_senior:"De una persona con más experiencia",several_mentors:"De varios mentores, cada uno en un ámbito",peers:"De compañeros de mi nivel",junior_colleagues:"De colegas más jóvenes (mentoría inversa)",ai_tool:"De una herramienta de IA o por mi cuenta"},structure:"¿Qué grado de estructura prefieres?",structures:{no_preference:"Sin preferencia",informal:"Informal",semi_structured:"Algo estructurado",structured:"Estructurado, con un programa definido"},context:"¿Con qué cuentas?",contexts:{coach_budget:"Presupuesto para un coach externo",sponsors_available:"Una persona sénior que me respalde",peers_available:"Compañeros en una etapa similar",ai_acceptable:"Me parecen bien las herramientas de coaching con IA",senior_learns_from_juniors:"Ocupo un puesto directivo y quiero aprender de personas con menos experiencia"},submit:"Ver mi recomendación",loading:"Buscando la opción que mejor encaja…",resultsTitle:"Tu recomendación",topThree:"Tus tres mejores opciones",fit:"Afinidad: {percent}",reasons:"Por qué encaja",cautions:"Ten en cuenta",about:"Más sobre {name}",openContent:"Leer más sobre {name}",growthPlan:"Un plan de crecimiento",weeks:{one:"# semana",other:"# semanas"},sessions:{one:"# sesión al mes",other:"# sesiones al mes"},minutes:{one:"# minuto",other:"# minutos"},counterfactual:"Qué cambiaría la recomendación",changeAnswers:"Cambiar mis respuestas",reference:"Referencia: {id}",originNotAllowed:"El recomendador no está disponible en este sitio.",originHint:"Si gestionas este sitio, solicita una clave que incluya la dirección de esta página.",unauthorized:"La clave del recomendador no es válida o se ha revocado.",rateLimited:{one:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundo.",other:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundos."},unavailable:"El recomendador no está disponible en este momento. Vuelve a intentarlo en breve.",invalid:"Revisa tus respuestas:",notFramed:"Esta página solo funciona dentro del sitio de un socio.",goalsRequired:"Elige al menos un objetivo.",hoursInvalid:"Indica un número de horas entre 0,05 y 40.",missingKey:"Falta la clave del recomendador (el atributo api-key).",next:"Siguiente",showAll:"Ver todas las preguntas",questionNumber:"Pregunta {n}",chooseOne:"Elige una respuesta.",chooseSeveral:"Elige al menos una.",numberInvalid:"Escribe un número dentro del rango indicado."};var $e={title:"Trouvez votre voie de développement",intro:"Répondez à quelques questions pour savoir si le mentorat, le coaching ou une combinaison des deux vous convient le mieux.",careerStage:"Étape de carrière",careerStages:{early:"Début de carrière",mid:"Milieu de carrière",senior:"Profil senior",executive:"Poste de direction"},goals:"Qu’attendez-vous de votre développement ?",goalsHint:"Choisissez-en au moins un.",goalLabels:{career_navigation:"Orienter ma carrière sur le long terme",network_building:"Développer mon réseau",industry_knowledge:"Mieux connaître mon secteur",specific_skill:"Acquérir une compétence précise",performance_improvement:"Améliorer mes performances",behaviour_change:"Changer une habitude ou un comportement",immediate_challenge:"Faire face à une difficulté actuelle",leadership_development:"Développer mon leadership",advancement_visibility:"Gagner en visibilité pour évoluer",digital_fluency:"Être à l’aise avec les outils numériques",peer_learning:"Apprendre avec des collègues de mon niveau"},horizon:"À quel horizon vous projetez-vous ?",horizons:{4:"Environ un mois",13:"Environ trois mois",26:"Environ six mois",52:"Environ un an",104:"Deux ans ou plus"},hoursPerWeek:"Heures disponibles par semaine",hoursHint:"Par exemple 1,5",minutesPerSession:"Durée maximale d’une séance",optional:"Pour aller plus loin (facultatif)",urgent:"J’ai besoin d’aide dès maintenant",relationship:"Auprès de qui aimeriez-vous apprendre ?",relationships:{no_preference:"Pas de préférence",single_senior:"Une personne plus expérimentée",several_mentors:"Plusieurs mentors, chacun pour un domaine",peers:"Des collègues de mon niveau",junior_colleagues:"Des collègues plus jeunes (mentorat inversé)",ai_tool:"Un outil d’IA ou en autonomie"},structure:"Quel degré de structure souhaitez-vous ?",structures:{no_preference:"Pas de préférence",informal:"Informel",semi_structured:"Plutôt structuré",structured:"Structuré, avec un programme défini"},context:"De quoi disposez-vous ?",contexts:{coach_budget:"Un budget pour un coach externe",sponsors_available:"Une personne d’expérience prête à me soutenir",peers_available:"Des collègues au même stade que moi",ai_acceptable:"Les outils de coaching par IA me conviennent",senior_learns_from_juniors:"J’occupe un poste de direction et souhaite apprendre de collègues plus jeunes"},submit:"Voir ma recommandation",loading:"Recherche de l’option la plus adaptée…",resultsTitle:"Votre recommandation",topThree:"Vos trois meilleures options",fit:"Adéquation : {percent}",reasons:"Pourquoi cela vous correspond",cautions:"Points de vigilance",about:"En savoir plus sur {name}",openContent:"Lire la fiche : {name}",growthPlan:"Un plan de progression",weeks:{one:"# semaine",other:"# semaines"},sessions:{one:"# séance par mois",other:"# séances par mois"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"Ce qui changerait la recommandation",changeAnswers:"Modifier mes réponses",reference:"Référence : {id}",originNotAllowed:"Le recommandeur n’est pas disponible sur ce site.",originHint:"Si vous gérez ce site, demandez une clé qui inclut l’adresse de cette page.",unauthorized:"La clé du recommandeur n’est pas valide ou a été révoquée.",rateLimited:{one:"Trop de demandes pour le moment. Réessayez dans # seconde.",other:"Trop de demandes pour le moment. Réessayez dans # secondes."},unavailable:"Le recommandeur est momentanément indisponible. Réessayez dans un instant.",invalid:"Vérifiez vos réponses :",notFramed:"Cette page ne fonctionne qu’intégrée au site d’un partenaire.",goalsRequired:"Choisissez au moins un objectif.",hoursInvalid:"Indiquez un nombre d’heures compris entre 0,05 et 40.",missingKey:"Il manque la clé du recommandeur (l’attribut api-key).",next:"Suivant",showAll:"Afficher toutes les questions",questionNumber:"Question {n}",chooseOne:"Choisissez une réponse.",chooseSeveral:"Choisissez-en au moins une.",numberInvalid:"Saisissez un nombre dans la plage indiquée."};var we={en:S,es:ye,fr:$e,de:_e},Se=["early","mid","senior","executive"],Ae=Object.keys(S.goalLabels),We=Object.keys(S.horizons),De=[15,30,45,60,90,120],Ee=Object.keys(S.relationships),ke=Object.keys(S.structures),xe=Object.keys(S.contexts),Fe=new URL(import.meta.url).origin;function X(s,t){return s!==null&&t.includes(s)?s:void 0}function Ce(s,t,e){let n=s===null?NaN:Number(s);return Number.isInteger(n)&&n>=t&&n<=e?n:void 0}var T=class extends b{constructor(){super();this.resizeObserver=null;this.answers={};this.asked=0;this.fullForm=!1;this.apiKey="",this.apiBase=Fe,this.careerStage=null,this.goals=null,this.horizonWeeks=null,this.hoursPerWeek=null,this.minutesPerSession=null,this.variantHref=null,this.frame=!1,this.hostOrigins="",this.view="intake",this.question=null,this.result=null,this.failure=null,this.formError=null,this.contents={}}get locale(){let n=(this.getAttribute("lang")||this.parentElement?.closest("[lang]")?.getAttribute("lang")||document.documentElement.lang||navigator.language||"en").toLowerCase().split("-")[0];return n in we?n:"en"}get t(){return we[this.locale]}plural(e,n){return(new Intl.PluralRules(this.locale).select(n)==="one"?e.one:e.other).replace("#",new Intl.NumberFormat(this.locale).format(n))}fill(e,n){return e.replace(/\{(\w+)\}/g,(r,i)=>n[i]??"")}knownSituation(){let e=this.givenSituation();return[...["career_stage","goals","horizon_weeks","hours_per_week"],"minutes_per_session"].every(r=>r in e)?e:null}givenSituation(){let e={},n=X(this.careerStage,Se);n&&(e.career_stage=n);let r=(this.goals??"").split(/[\s,]+/).filter(g=>Ae.includes(g));r.length&&(e.goals=[...new Set(r)]);let i=Ce(this.horizonWeeks,1,520);i&&(e.horizon_weeks=i);let o=Number(this.hoursPerWeek);this.hoursPerWeek&&o>=.05&&o<=40&&(e.hours_per_week=o);let l=Ce(this.minutesPerSession,5,480);l&&(e.minutes_per_session=l);let a=this.getAttribute("urgent");(a==="true"||a==="false")&&(e.urgent=a==="true");let h=X(this.getAttribute("relationship-preference"),Ee);h&&(e.relationship_preference=h);let m=X(this.getAttribute("structure-preference"),ke);m&&(e.structure_preference=m);let p=(this.getAttribute("context")??"").split(/[\s,]+/).filter(g=>xe.includes(g));return p.length&&(e.context=Object.fromEntries(p.map(g=>[g,!0]))),e}connectedCallback(){if(super.connectedCallback(),this.frame&&window.parent===window){this.fail({message:this.t.notFramed});return}this.frame&&"ResizeObserver"in window&&(this.resizeObserver=new ResizeObserver(()=>this.tell({type:"mc-resize",height:document.documentElement.scrollHeight})),this.resizeObserver.observe(document.documentElement))}disconnectedCallback(){super.disconnectedCallback(),this.resizeObserver?.disconnect()}firstUpdated(e){if(this.view==="error")return;if(!this.apiKey){this.fail({message:this.t.missingKey});return}let n=this.knownSituation();n?this.recommend(n):this.ask(this.givenSituation(),!1)}tell(e){if(!(!this.frame||window.parent===window))for(let n of this.hostOrigins.split(/\s+/).filter(Boolean))window.parent.postMessage(e,n)}emit(e,n){this.dispatchEvent(new CustomEvent(e,{detail:n,bubbles:!0,composed:!0})),this.tell({type:e,...n})}fail(e){this.failure=e,this.view="error"}async request(e,n={}){return fetch(new URL(e,this.apiBase),{...n,headers:{Accept:"application/json","X-API-Key":this.apiKey,...n.headers},credentials:"omit",referrerPolicy:"no-referrer",cache:"no-store",mode:"cors"})}async failureOf(e){let n=this.t,r={};try{r=await e.json()}catch{}if(e.status===403&&r.code==="origin-not-allowed")return{message:n.originNotAllowed,hint:n.originHint};if(e.status===401)return{message:n.unauthorized};if(e.status===429){let i=Number(e.headers.get("Retry-After"))||60;return{message:this.plural(n.rateLimited,i)}}return e.status===422&&r.errors?{message:n.invalid,details:r.errors.map(i=>i.message)}:{message:n.unavailable}}async recommend(e){this.view="loading";let n=`/v1/recommendations?locale=${this.locale}`,r;try{r=await this.request(n,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(e)})}catch{this.fail({message:this.t.originNotAllowed,hint:this.t.originHint});return}if(!r.ok){this.fail(await this.failureOf(r));return}await this.show(await r.json())}async show(e){this.result=e,this.contents={},this.view="result",await this.updateComplete,this.renderRoot.querySelector("#mc-result-heading")?.focus(),this.emit("mc-recommendation",{variant:e.primary.variant,approach:e.primary.approach,decision_id:e.decision_id})}async ask(e,n=!0){this.answers=e,this.view="loading";let r;try{r=await this.request(`/v1/recommendations/intake?locale=${this.locale}`,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(e)})}catch{this.fail({message:this.t.originNotAllowed,hint:this.t.originHint});return}if(!r.ok){this.fail(await this.failureOf(r));return}let i=await r.json();if(i.done){await this.show(i.recommendation);return}this.question=i.question,this.asked+=1,this.formError=null,this.view="intake",await this.updateComplete,n&&this.renderRoot.querySelector("[data-first]")?.focus()}answerOf(e,n){let r=this.t,i=a=>{this.formError=a,this.updateComplete.then(()=>this.renderRoot.querySelector("[data-first]")?.focus())},o=n.getAll("answer").map(String);if(e.kind==="number"){let a=(o[0]??"").trim(),h=Number(a.replace(",",".")),m=e.minimum??-1/0,d=e.maximum??1/0,p=!e.integer||Number.isInteger(h);return a!==""&&h>=m&&h<=d&&p?h:i(e.hint?`${r.numberInvalid} ${e.hint}`:r.numberInvalid)}if(e.kind==="several_of"){let a=e.min_choices??1,h=e.max_choices??e.options.length;return o.length<a||o.length>h?i(r.chooseSeveral):e.options.filter((m,d)=>o.includes(String(d))).map(m=>m.value)}let l=e.options[Number(o[0])];return l===void 0||o.length!==1?i(r.chooseOne):l.value}onAnswer(e){e.preventDefault();let n=this.question;if(!n)return;let r=this.answerOf(n,new FormData(e.currentTarget));if(r===void 0)return;this.formError=null;let i={...this.answers};if(n.field.startsWith("context.")){let o=n.field.slice(8);i.context={...i.context??{},[o]:r}}else i[n.field]=r;this.ask(i)}async showAllQuestions(){this.fullForm=!0,this.formError=null,this.view="form",await this.updateComplete,this.renderRoot.querySelector("#mc-form-heading")?.focus()}onSubmit(e){e.preventDefault();let n=e.currentTarget,r=new FormData(n),i=r.getAll("goals").map(String);if(i.length===0){this.formError=this.t.goalsRequired,this.updateComplete.then(()=>this.renderRoot.querySelector("input[name=goals]")?.focus());return}let o=Number(String(r.get("hours")??"").replace(",","."));if(!(o>=.05&&o<=40)){this.formError=this.t.hoursInvalid,this.updateComplete.then(()=>this.renderRoot.querySelector("#mc-hours")?.focus());return}this.formError=null;let l={};for(let a of r.getAll("context"))l[String(a)]=!0;this.recommend({career_stage:r.get("career_stage"),goals:i,horizon_weeks:Number(r.get("horizon")),hours_per_week:o,minutes_per_session:Number(r.get("minutes")),urgent:r.get("urgent")?!0:null,relationship_preference:r.get("relationship"),structure_preference:r.get("structure"),context:l})}async loadContent(e,n){if(e.currentTarget.open&&(this.emit("mc-select",{variant:n,decision_id:this.result?.decision_id??""}),!this.contents[n])){this.contents={...this.contents,[n]:"loading"};try{let i=await this.request(`/v1/variants/${encodeURIComponent(n)}?locale=${this.locale}`),o=i.ok?await i.json():"failed";this.contents={...this.contents,[n]:o}}catch{this.contents={...this.contents,[n]:"failed"}}}}linkTo(e){if(this.variantHref)try{let n=new URL(this.variantHref.replace("{variant}",encodeURIComponent(e)),location.href);return n.protocol==="https:"||n.protocol==="http:"?n.href:void 0}catch{return}}selectLink(e){this.emit("mc-select",{variant:e,decision_id:this.result?.decision_id??""})}changeAnswers(){if(this.result=null,this.fullForm){this.view="form";return}this.asked=0,this.ask(this.givenSituation())}updated(e){e.has("view")&&this.view==="error"&&this.renderRoot.querySelector("[role=alert]")?.focus()}render(){let e=this.t;return u`<section part="container" lang=${this.locale} aria-busy=${this.view==="loading"}>
      ${this.view==="error"?this.renderFailure():c}
      ${this.view==="intake"&&this.question?this.renderQuestion(e,this.question):c}
      ${this.view==="form"?this.renderForm(e):c}
      ${this.view==="loading"?u`<p part="status" role="status">${e.loading}</p>`:c}
      ${this.view==="result"&&this.result?this.renderResult(e,this.result):c}
    </section>`}renderFailure(){let e=this.failure??{message:this.t.unavailable};return u`<div part="error" role="alert" tabindex="-1">
      <p class="error-message">${e.message}</p>
      ${e.hint?u`<p class="hint">${e.hint}</p>`:c}
      ${e.details?u`<ul>
            ${e.details.map(n=>u`<li>${n}</li>`)}
          </ul>`:c}
    </div>`}renderQuestion(e,n){let r=n.hint?"mc-why mc-question-hint":"mc-why",i=u`<p class="hint" id="mc-why">${n.why}</p>`,o=n.hint?u`<p class="hint" id="mc-question-hint">${n.hint}</p>`:c,l=n.kind==="several_of",a=n.kind==="number"?u`<div part="field" class="field">
            <label part="label" for="mc-answer">${n.text}</label>
            ${i}
            <input
              part="input"
              id="mc-answer"
              name="answer"
              data-first
              inputmode=${n.integer?"numeric":"decimal"}
              autocomplete="off"
              required
              aria-describedby=${r}
            />
            ${o}
          </div>`:u`<fieldset part="field" class="field" aria-describedby=${r}>
            <legend part="label">${n.text}</legend>
            ${i} ${o}
            ${n.options.map((h,m)=>u`<label class="choice"
                ><input
                  type=${l?"checkbox":"radio"}
                  name="answer"
                  value=${String(m)}
                  ?data-first=${m===0}
                  ?required=${!l}
                />
                ${h.label}</label
              >`)}
          </fieldset>`;return u`<form part="form intake" novalidate @submit=${this.onAnswer}
      data-field=${n.field}>
      <h2 part="title" class="title">${e.title}</h2>
      <p part="progress" class="progress">
        ${this.fill(e.questionNumber,{n:String(this.asked)})}
      </p>
      ${a}
      ${this.formError?u`<p part="error" class="error-message" role="alert">${this.formError}</p>`:c}
      <div class="actions">
        <button part="button" type="submit">${e.next}</button>
        <button part="show-all" class="link" type="button" @click=${this.showAllQuestions}>
          ${e.showAll}
        </button>
      </div>
    </form>`}renderForm(e){let n=(r,i,o=!1)=>u`<option value=${r} ?selected=${o}>${i}</option>`;return u`<form part="form" novalidate @submit=${this.onSubmit}>
      <h2 part="title" class="title" id="mc-form-heading" tabindex="-1">${e.title}</h2>
      <p class="intro">${e.intro}</p>
      <div part="field" class="field">
        <label part="label" for="mc-stage">${e.careerStage}</label>
        <select part="input" id="mc-stage" name="career_stage" required>
          ${Se.map(r=>n(r,e.careerStages[r],r===this.careerStage))}
        </select>
      </div>
      <fieldset part="field" class="field goals" aria-describedby="mc-goals-hint">
        <legend part="label">${e.goals}</legend>
        <p class="hint" id="mc-goals-hint">${e.goalsHint}</p>
        ${Ae.map(r=>u`<label class="choice"
            ><input type="checkbox" name="goals" value=${r} />
            ${e.goalLabels[r]}</label
          >`)}
      </fieldset>
      <div part="field" class="field">
        <label part="label" for="mc-horizon">${e.horizon}</label>
        <select part="input" id="mc-horizon" name="horizon">
          ${We.map(r=>n(r,e.horizons[r],r==="26"))}
        </select>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-hours">${e.hoursPerWeek}</label>
        <input
          part="input"
          id="mc-hours"
          name="hours"
          inputmode="decimal"
          autocomplete="off"
          required
          value="2"
          aria-describedby="mc-hours-hint"
        />
        <p class="hint" id="mc-hours-hint">${e.hoursHint}</p>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-minutes">${e.minutesPerSession}</label>
        <select part="input" id="mc-minutes" name="minutes">
          ${De.map(r=>n(String(r),this.plural(e.minutes,r),r===60))}
        </select>
      </div>
      <details part="optional" class="optional">
        <summary>${e.optional}</summary>
        <label class="choice"><input type="checkbox" name="urgent" value="1" /> ${e.urgent}</label>
        <div part="field" class="field">
          <label part="label" for="mc-relationship">${e.relationship}</label>
          <select part="input" id="mc-relationship" name="relationship">
            ${Ee.map(r=>n(r,e.relationships[r]))}
          </select>
        </div>
        <div part="field" class="field">
          <label part="label" for="mc-structure">${e.structure}</label>
          <select part="input" id="mc-structure" name="structure">
            ${ke.map(r=>n(r,e.structures[r]))}
          </select>
        </div>
        <fieldset part="field" class="field">
          <legend part="label">${e.context}</legend>
          ${xe.map(r=>u`<label class="choice"
              ><input type="checkbox" name="context" value=${r} />
              ${e.contexts[r]}</label
            >`)}
        </fieldset>
      </details>
      ${this.formError?u`<p part="error" class="error-message" role="alert">${this.formError}</p>`:c}
      <button part="button" type="submit">${e.submit}</button>
    </form>`}renderVariant(e,n){let r=new Intl.NumberFormat(this.locale,{style:"percent"}).format(n.score),i=this.contents[n.variant],o=this.linkTo(n.variant);return u`<li part="variant" class="variant">
      <h4 class="variant-name">${n.name}</h4>
      <p class="score">${this.fill(e.fit,{percent:r})}</p>
      ${n.reasons.length?u`<p class="list-title">${e.reasons}</p>
            <ul part="reasons">
              ${n.reasons.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${n.cautions.length?u`<p class="list-title">${e.cautions}</p>
            <ul part="cautions">
              ${n.cautions.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${o?u`<a part="variant-link" href=${o} @click=${()=>this.selectLink(n.variant)}
            >${this.fill(e.openContent,{name:n.name})}</a
          >`:u`<details part="variant-details" @toggle=${l=>this.loadContent(l,n.variant)}>
            <summary>${this.fill(e.about,{name:n.name})}</summary>
            ${i==="loading"?u`<p role="status">${e.loading}</p>`:i==="failed"?u`<p>${e.unavailable}</p>`:i?u`<p>${i.summary}</p>
                      <ul>
                        ${i.strengths.map(l=>u`<li>${l}</li>`)}
                      </ul>`:c}
          </details>`}
    </li>`}renderResult(e,n){let r=n.growth_plan;return u`<div part="results" class="results">
      <h2 part="title" class="title" id="mc-result-heading" tabindex="-1">${e.resultsTitle}</h2>
      <p part="headline" class="headline">${n.primary.headline}</p>
      <h3>${e.topThree}</h3>
      <ol class="ranking">
        ${n.ranking.slice(0,3).map(i=>this.renderVariant(e,i))}
      </ol>
      ${r?u`<div part="growth-plan">
            <h3>${e.growthPlan}</h3>
            <p>${r.summary}</p>
            <ul>
              ${r.tracks.map(i=>u`<li>
                    <strong>${i.name}</strong>: ${this.plural(e.weeks,i.duration_weeks)}
                    · ${this.plural(e.sessions,i.cadence_per_month)} ·
                    ${this.plural(e.minutes,i.session_minutes)}
                  </li>`)}
            </ul>
          </div>`:c}
      ${n.counterfactual?u`<div part="counterfactual">
            <h3>${e.counterfactual}</h3>
            <p>${n.counterfactual.text}</p>
          </div>`:c}
      <p class="reference">${this.fill(e.reference,{id:n.decision_id})}</p>
      ${this.knownSituation()?c:u`<button part="button" type="button" @click=${this.changeAnswers}>
            ${e.changeAnswers}
          </button>`}
    </div>`}};T.styles=be,T.properties={apiKey:{type:String,attribute:"api-key"},apiBase:{type:String,attribute:"api-base"},lang:{type:String},careerStage:{type:String,attribute:"career-stage"},goals:{type:String},horizonWeeks:{type:String,attribute:"horizon-weeks"},hoursPerWeek:{type:String,attribute:"hours-per-week"},minutesPerSession:{type:String,attribute:"minutes-per-session"},variantHref:{type:String,attribute:"variant-href"},frame:{type:Boolean},hostOrigins:{type:String,attribute:"host-origins"},view:{state:!0},question:{state:!0},result:{state:!0},failure:{state:!0},formError:{state:!0},contents:{state:!0}};customElements.get("mc-recommender")||customElements.define("mc-recommender",T);export{T as McRecommender};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
