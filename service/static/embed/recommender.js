var O=globalThis,I=O.ShadowRoot&&(O.ShadyCSS===void 0||O.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,U=Symbol(),ee=new WeakMap,x=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==U)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(I&&e===void 0){let r=t!==void 0&&t.length===1;r&&(e=ee.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),r&&ee.set(t,e))}return e}toString(){return this.cssText}},te=s=>new x(typeof s=="string"?s:s+"",void 0,U),q=(s,...e)=>{let t=s.length===1?s[0]:e.reduce((r,n,i)=>r+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(n)+s[i+1],s[0]);return new x(t,s,U)},re=(s,e)=>{if(I)s.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let r=document.createElement("style"),n=O.litNonce;n!==void 0&&r.setAttribute("nonce",n),r.textContent=t.cssText,s.appendChild(r)}},j=I?s=>s:s=>s instanceof CSSStyleSheet?(e=>{let t="";for(let r of e.cssRules)t+=r.cssText;return te(t)})(s):s;var{is:Ce,defineProperty:Re,getOwnPropertyDescriptor:Me,getOwnPropertyNames:ze,getOwnPropertySymbols:Te,getPrototypeOf:He}=Object,L=globalThis,ne=L.trustedTypes,Oe=ne?ne.emptyScript:"",Ie=L.reactiveElementPolyfillSupport,k=(s,e)=>s,D={toAttribute(s,e){switch(e){case Boolean:s=s?Oe:null;break;case Object:case Array:s=s==null?s:JSON.stringify(s)}return s},fromAttribute(s,e){let t=s;switch(e){case Boolean:t=s!==null;break;case Number:t=s===null?null:Number(s);break;case Object:case Array:try{t=JSON.parse(s)}catch{t=null}}return t}},se=(s,e)=>!Ce(s,e),ie={attribute:!0,type:String,converter:D,reflect:!1,useDefault:!1,hasChanged:se};Symbol.metadata??=Symbol("metadata"),L.litPropertyMetadata??=new WeakMap;var f=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ie){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let r=Symbol(),n=this.getPropertyDescriptor(e,r,t);n!==void 0&&Re(this.prototype,e,n)}}static getPropertyDescriptor(e,t,r){let{get:n,set:i}=Me(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:n,set(o){let l=n?.call(this);i?.call(this,o),this.requestUpdate(e,l,r)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ie}static _$Ei(){if(this.hasOwnProperty(k("elementProperties")))return;let e=He(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(k("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(k("properties"))){let t=this.properties,r=[...ze(t),...Te(t)];for(let n of r)this.createProperty(n,t[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[r,n]of t)this.elementProperties.set(r,n)}this._$Eh=new Map;for(let[t,r]of this.elementProperties){let n=this._$Eu(t,r);n!==void 0&&this._$Eh.set(n,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let r=new Set(e.flat(1/0).reverse());for(let n of r)t.unshift(j(n))}else e!==void 0&&t.push(j(e));return t}static _$Eu(e,t){let r=t.attribute;return r===!1?void 0:typeof r=="string"?r:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let r of t.keys())this.hasOwnProperty(r)&&(e.set(r,this[r]),delete this[r]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return re(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,r){this._$AK(e,r)}_$ET(e,t){let r=this.constructor.elementProperties.get(e),n=this.constructor._$Eu(e,r);if(n!==void 0&&r.reflect===!0){let i=(r.converter?.toAttribute!==void 0?r.converter:D).toAttribute(t,r.type);this._$Em=e,i==null?this.removeAttribute(n):this.setAttribute(n,i),this._$Em=null}}_$AK(e,t){let r=this.constructor,n=r._$Eh.get(e);if(n!==void 0&&this._$Em!==n){let i=r.getPropertyOptions(n),o=typeof i.converter=="function"?{fromAttribute:i.converter}:i.converter?.fromAttribute!==void 0?i.converter:D;this._$Em=n;let l=o.fromAttribute(t,i.type);this[n]=l??this._$Ej?.get(n)??l,this._$Em=null}}requestUpdate(e,t,r,n=!1,i){if(e!==void 0){let o=this.constructor;if(n===!1&&(i=this[e]),r??=o.getPropertyOptions(e),!((r.hasChanged??se)(i,t)||r.useDefault&&r.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,r))))return;this.C(e,t,r)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:r,reflect:n,wrapped:i},o){r&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),i!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||r||(t=void 0),this._$AL.set(e,t)),n===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[n,i]of this._$Ep)this[n]=i;this._$Ep=void 0}let r=this.constructor.elementProperties;if(r.size>0)for(let[n,i]of r){let{wrapped:o}=i,l=this[n];o!==!0||this._$AL.has(n)||l===void 0||this.C(n,void 0,i,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(r=>r.hostUpdate?.()),this.update(t)):this._$EM()}catch(r){throw e=!1,this._$EM(),r}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};f.elementStyles=[],f.shadowRootOptions={mode:"open"},f[k("elementProperties")]=new Map,f[k("finalized")]=new Map,Ie?.({ReactiveElement:f}),(L.reactiveElementVersions??=[]).push("2.1.2");var J=globalThis,oe=s=>s,N=J.trustedTypes,ae=N?N.createPolicy("lit-html",{createHTML:s=>s}):void 0,pe="$lit$",v=`lit$${Math.random().toFixed(9).slice(2)}$`,me="?"+v,Le=`<${me}>`,$=document,C=()=>$.createComment(""),R=s=>s===null||typeof s!="object"&&typeof s!="function",Z=Array.isArray,Ne=s=>Z(s)||typeof s?.[Symbol.iterator]=="function",W=`[ 	
\f\r]`,P=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,le=/-->/g,ce=/>/g,_=RegExp(`>|${W}(?:([^\\s"'>=/]+)(${W}*=${W}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ue=/'/g,he=/"/g,ge=/^(?:script|style|textarea|title)$/i,Q=s=>(e,...t)=>({_$litType$:s,strings:e,values:t}),u=Q(1),Je=Q(2),Ze=Q(3),w=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),de=new WeakMap,y=$.createTreeWalker($,129);function fe(s,e){if(!Z(s)||!s.hasOwnProperty("raw"))throw Error("invalid template strings array");return ae!==void 0?ae.createHTML(e):e}var Ue=(s,e)=>{let t=s.length-1,r=[],n,i=e===2?"<svg>":e===3?"<math>":"",o=P;for(let l=0;l<t;l++){let a=s[l],d,p,h=-1,g=0;for(;g<a.length&&(o.lastIndex=g,p=o.exec(a),p!==null);)g=o.lastIndex,o===P?p[1]==="!--"?o=le:p[1]!==void 0?o=ce:p[2]!==void 0?(ge.test(p[2])&&(n=RegExp("</"+p[2],"g")),o=_):p[3]!==void 0&&(o=_):o===_?p[0]===">"?(o=n??P,h=-1):p[1]===void 0?h=-2:(h=o.lastIndex-p[2].length,d=p[1],o=p[3]===void 0?_:p[3]==='"'?he:ue):o===he||o===ue?o=_:o===le||o===ce?o=P:(o=_,n=void 0);let m=o===_&&s[l+1].startsWith("/>")?" ":"";i+=o===P?a+Le:h>=0?(r.push(d),a.slice(0,h)+pe+a.slice(h)+v+m):a+v+(h===-2?l:m)}return[fe(s,i+(s[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),r]},M=class s{constructor({strings:e,_$litType$:t},r){let n;this.parts=[];let i=0,o=0,l=e.length-1,a=this.parts,[d,p]=Ue(e,t);if(this.el=s.createElement(d,r),y.currentNode=this.el.content,t===2||t===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(n=y.nextNode())!==null&&a.length<l;){if(n.nodeType===1){if(n.hasAttributes())for(let h of n.getAttributeNames())if(h.endsWith(pe)){let g=p[o++],m=n.getAttribute(h).split(v),H=/([.?@])?(.*)/.exec(g);a.push({type:1,index:i,name:H[2],strings:m,ctor:H[1]==="."?B:H[1]==="?"?F:H[1]==="@"?K:E}),n.removeAttribute(h)}else h.startsWith(v)&&(a.push({type:6,index:i}),n.removeAttribute(h));if(ge.test(n.tagName)){let h=n.textContent.split(v),g=h.length-1;if(g>0){n.textContent=N?N.emptyScript:"";for(let m=0;m<g;m++)n.append(h[m],C()),y.nextNode(),a.push({type:2,index:++i});n.append(h[g],C())}}}else if(n.nodeType===8)if(n.data===me)a.push({type:2,index:i});else{let h=-1;for(;(h=n.data.indexOf(v,h+1))!==-1;)a.push({type:7,index:i}),h+=v.length-1}i++}}static createElement(e,t){let r=$.createElement("template");return r.innerHTML=e,r}};function A(s,e,t=s,r){if(e===w)return e;let n=r!==void 0?t._$Co?.[r]:t._$Cl,i=R(e)?void 0:e._$litDirective$;return n?.constructor!==i&&(n?._$AO?.(!1),i===void 0?n=void 0:(n=new i(s),n._$AT(s,t,r)),r!==void 0?(t._$Co??=[])[r]=n:t._$Cl=n),n!==void 0&&(e=A(s,n._$AS(s,e.values),n,r)),e}var V=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:r}=this._$AD,n=(e?.creationScope??$).importNode(t,!0);y.currentNode=n;let i=y.nextNode(),o=0,l=0,a=r[0];for(;a!==void 0;){if(o===a.index){let d;a.type===2?d=new z(i,i.nextSibling,this,e):a.type===1?d=new a.ctor(i,a.name,a.strings,this,e):a.type===6&&(d=new G(i,this,e)),this._$AV.push(d),a=r[++l]}o!==a?.index&&(i=y.nextNode(),o++)}return y.currentNode=$,n}p(e){let t=0;for(let r of this._$AV)r!==void 0&&(r.strings!==void 0?(r._$AI(e,r,t),t+=r.strings.length-2):r._$AI(e[t])),t++}},z=class s{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,r,n){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=r,this.options=n,this._$Cv=n?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=A(this,e,t),R(e)?e===c||e==null||e===""?(this._$AH!==c&&this._$AR(),this._$AH=c):e!==this._$AH&&e!==w&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Ne(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==c&&R(this._$AH)?this._$AA.nextSibling.data=e:this.T($.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:r}=e,n=typeof r=="number"?this._$AC(e):(r.el===void 0&&(r.el=M.createElement(fe(r.h,r.h[0]),this.options)),r);if(this._$AH?._$AD===n)this._$AH.p(t);else{let i=new V(n,this),o=i.u(this.options);i.p(t),this.T(o),this._$AH=i}}_$AC(e){let t=de.get(e.strings);return t===void 0&&de.set(e.strings,t=new M(e)),t}k(e){Z(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,r,n=0;for(let i of e)n===t.length?t.push(r=new s(this.O(C()),this.O(C()),this,this.options)):r=t[n],r._$AI(i),n++;n<t.length&&(this._$AR(r&&r._$AB.nextSibling,n),t.length=n)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let r=oe(e).nextSibling;oe(e).remove(),e=r}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},E=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,r,n,i){this.type=1,this._$AH=c,this._$AN=void 0,this.element=e,this.name=t,this._$AM=n,this.options=i,r.length>2||r[0]!==""||r[1]!==""?(this._$AH=Array(r.length-1).fill(new String),this.strings=r):this._$AH=c}_$AI(e,t=this,r,n){let i=this.strings,o=!1;if(i===void 0)e=A(this,e,t,0),o=!R(e)||e!==this._$AH&&e!==w,o&&(this._$AH=e);else{let l=e,a,d;for(e=i[0],a=0;a<i.length-1;a++)d=A(this,l[r+a],t,a),d===w&&(d=this._$AH[a]),o||=!R(d)||d!==this._$AH[a],d===c?e=c:e!==c&&(e+=(d??"")+i[a+1]),this._$AH[a]=d}o&&!n&&this.j(e)}j(e){e===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},B=class extends E{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===c?void 0:e}},F=class extends E{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==c)}},K=class extends E{constructor(e,t,r,n,i){super(e,t,r,n,i),this.type=5}_$AI(e,t=this){if((e=A(this,e,t,0)??c)===w)return;let r=this._$AH,n=e===c&&r!==c||e.capture!==r.capture||e.once!==r.once||e.passive!==r.passive,i=e!==c&&(r===c||n);n&&this.element.removeEventListener(this.name,this,r),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},G=class{constructor(e,t,r){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=r}get _$AU(){return this._$AM._$AU}_$AI(e){A(this,e)}};var qe=J.litHtmlPolyfillSupport;qe?.(M,z),(J.litHtmlVersions??=[]).push("3.3.3");var ve=(s,e,t)=>{let r=t?.renderBefore??e,n=r._$litPart$;if(n===void 0){let i=t?.renderBefore??null;r._$litPart$=n=new z(e.insertBefore(C(),i),i,void 0,t??{})}return n._$AI(s),n};var Y=globalThis,b=class extends f{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=ve(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return w}};b._$litElement$=!0,b.finalized=!0,Y.litElementHydrateSupport?.({LitElement:b});var je=Y.litElementPolyfillSupport;je?.({LitElement:b});(Y.litElementVersions??=[]).push("4.2.2");var be=q`
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
  input:not([type="checkbox"]) {
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
`;var _e={title:"Finden Sie Ihren Entwicklungsweg",intro:"Beantworten Sie ein paar Fragen und erfahren Sie, ob Mentoring, Coaching oder eine Kombination aus beidem am besten zu Ihnen passt.",careerStage:"Karrierestufe",careerStages:{early:"Berufseinstieg",mid:"Mitte der Laufbahn",senior:"Senior-Position",executive:"Top-Management"},goals:"Was möchten Sie mit Ihrer Entwicklung erreichen?",goalsHint:"Wählen Sie mindestens ein Ziel.",goalLabels:{career_navigation:"Meine Laufbahn langfristig ausrichten",network_building:"Mein Netzwerk ausbauen",industry_knowledge:"Meine Branche besser verstehen",specific_skill:"Eine bestimmte Fähigkeit aufbauen",performance_improvement:"Meine Leistung verbessern",behaviour_change:"Eine Gewohnheit oder ein Verhalten ändern",immediate_challenge:"Eine aktuelle Herausforderung meistern",leadership_development:"Mich als Führungskraft weiterentwickeln",advancement_visibility:"Sichtbarer werden, um aufzusteigen",digital_fluency:"Sicherer mit digitalen Werkzeugen umgehen",peer_learning:"Mit Kolleginnen und Kollegen auf meiner Ebene lernen"},horizon:"Wie weit planen Sie voraus?",horizons:{4:"Etwa einen Monat",13:"Etwa drei Monate",26:"Etwa sechs Monate",52:"Etwa ein Jahr",104:"Zwei Jahre oder länger"},hoursPerWeek:"Verfügbare Stunden pro Woche",hoursHint:"Zum Beispiel 1,5",minutesPerSession:"Längste mögliche Sitzung",optional:"Mehr über Sie (optional)",urgent:"Ich brauche sofort Unterstützung",relationship:"Von wem möchten Sie lernen?",relationships:{no_preference:"Keine Präferenz",single_senior:"Von einer erfahreneren Person",several_mentors:"Von mehreren Mentorinnen und Mentoren, je für einen Bereich",peers:"Von Kolleginnen und Kollegen auf meiner Ebene",junior_colleagues:"Von jüngeren Kolleginnen und Kollegen (Reverse Mentoring)",ai_tool:"Mit einem KI-Tool oder im Selbststudium"},structure:"Wie strukturiert soll es sein?",structures:{no_preference:"Keine Präferenz",informal:"Informell",semi_structured:"Teilweise strukturiert",structured:"Strukturiert, mit festem Programm"},context:"Was steht Ihnen zur Verfügung?",contexts:{coach_budget:"Budget für einen externen Coach",sponsors_available:"Eine erfahrene Person, die sich für mich einsetzt",peers_available:"Kolleginnen und Kollegen in einer ähnlichen Phase",ai_acceptable:"KI-gestütztes Coaching ist für mich in Ordnung",senior_learns_from_juniors:"Ich bin Führungskraft und möchte von Jüngeren lernen"},submit:"Meine Empfehlung anzeigen",loading:"Die passende Option wird gesucht …",resultsTitle:"Ihre Empfehlung",topThree:"Ihre drei besten Optionen",fit:"Passung: {percent}",reasons:"Warum es passt",cautions:"Worauf Sie achten sollten",about:"Mehr über {name}",openContent:"Weiterlesen: {name}",growthPlan:"Ein Entwicklungsplan",weeks:{one:"# Woche",other:"# Wochen"},sessions:{one:"# Sitzung pro Monat",other:"# Sitzungen pro Monat"},minutes:{one:"# Minute",other:"# Minuten"},counterfactual:"Was die Empfehlung ändern würde",changeAnswers:"Meine Angaben ändern",reference:"Referenz: {id}",originNotAllowed:"Der Empfehlungsassistent ist auf dieser Website nicht verfügbar.",originHint:"Wenn Sie diese Website betreiben, fordern Sie einen Schlüssel an, der die Adresse dieser Seite enthält.",unauthorized:"Der Schlüssel des Empfehlungsassistenten ist ungültig oder wurde widerrufen.",rateLimited:{one:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunde erneut.",other:"Zu viele Anfragen. Bitte versuchen Sie es in # Sekunden erneut."},unavailable:"Der Empfehlungsassistent ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",invalid:"Bitte prüfen Sie Ihre Angaben:",notFramed:"Diese Seite funktioniert nur eingebettet in die Website eines Partners.",goalsRequired:"Wählen Sie mindestens ein Ziel.",hoursInvalid:"Geben Sie eine Stundenzahl zwischen 0,05 und 40 ein.",missingKey:"Dem Empfehlungsassistenten fehlt der Schlüssel (das Attribut api-key)."};var S={title:"Find your development path",intro:"Answer a few questions to see whether mentoring, coaching or a blend of both suits you best.",careerStage:"Career stage",careerStages:{early:"Early career",mid:"Mid-career",senior:"Senior",executive:"Executive"},goals:"What do you want from your development?",goalsHint:"Choose at least one.",goalLabels:{career_navigation:"Finding my way in my career over the long term",network_building:"Building my network",industry_knowledge:"Learning how my industry works",specific_skill:"Building a specific skill",performance_improvement:"Improving my performance",behaviour_change:"Changing a habit or behaviour",immediate_challenge:"Handling a challenge I face now",leadership_development:"Growing as a leader",advancement_visibility:"Getting noticed for promotion",digital_fluency:"Becoming confident with digital tools",peer_learning:"Learning with colleagues at my level"},horizon:"How far ahead are you planning?",horizons:{4:"About a month",13:"About three months",26:"About six months",52:"About a year",104:"Two years or more"},hoursPerWeek:"Hours a week you can give",hoursHint:"For example 1.5",minutesPerSession:"Longest session you can attend",optional:"More about you (optional)",urgent:"I need help right now",relationship:"Who would you like to learn from?",relationships:{no_preference:"No preference",single_senior:"One more experienced person",several_mentors:"Several mentors, each for one area",peers:"Colleagues at my level",junior_colleagues:"Younger colleagues (reverse mentoring)",ai_tool:"An AI or self-paced tool"},structure:"How structured should it be?",structures:{no_preference:"No preference",informal:"Informal",semi_structured:"Somewhat structured",structured:"Structured, with a set programme"},context:"What is available to you?",contexts:{coach_budget:"Budget for an external coach",sponsors_available:"A senior sponsor or advocate",peers_available:"Colleagues at a similar stage",ai_acceptable:"AI coaching tools are fine for me",senior_learns_from_juniors:"I am a senior leader open to learning from junior staff"},submit:"Show my recommendation",loading:"Finding the best fit…",resultsTitle:"Your recommendation",topThree:"Your top three",fit:"{percent} fit",reasons:"Why it fits",cautions:"Keep in mind",about:"More about {name}",openContent:"Read more about {name}",growthPlan:"A growth plan",weeks:{one:"# week",other:"# weeks"},sessions:{one:"# session a month",other:"# sessions a month"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"What would change it",changeAnswers:"Change my answers",reference:"Reference: {id}",originNotAllowed:"The recommender is not available on this site.",originHint:"If you run this site, ask for a key that lists this page’s address.",unauthorized:"The recommender’s key is not valid or has been revoked.",rateLimited:{one:"Too many requests right now. Please try again in # second.",other:"Too many requests right now. Please try again in # seconds."},unavailable:"The recommender is unavailable right now. Please try again shortly.",invalid:"Please check your answers:",notFramed:"This page only works inside a partner’s site.",goalsRequired:"Choose at least one goal.",hoursInvalid:"Enter a number of hours between 0.05 and 40.",missingKey:"The recommender has no key (the api-key attribute)."};var ye={title:"Encuentra tu camino de desarrollo",intro:"Responde a unas preguntas y descubre si te conviene más la mentoría, el coaching o una combinación de ambos.",careerStage:"Etapa profesional",careerStages:{early:"Inicio de carrera",mid:"Mitad de carrera",senior:"Perfil sénior",executive:"Alta dirección"},goals:"¿Qué esperas de tu desarrollo?",goalsHint:"Elige al menos uno.",goalLabels:{career_navigation:"Orientar mi carrera a largo plazo",network_building:"Ampliar mi red de contactos",industry_knowledge:"Conocer a fondo mi sector",specific_skill:"Desarrollar una habilidad concreta",performance_improvement:"Mejorar mi rendimiento",behaviour_change:"Cambiar un hábito o una conducta",immediate_challenge:"Afrontar un reto que tengo ahora",leadership_development:"Crecer como líder",advancement_visibility:"Ganar visibilidad para ascender",digital_fluency:"Manejar con soltura las herramientas digitales",peer_learning:"Aprender con compañeros de mi mismo nivel"},horizon:"¿A qué plazo lo planteas?",horizons:{4:"Alrededor de un mes",13:"Unos tres meses",26:"Unos seis meses",52:"Alrededor de un año",104:"Dos años o más"},hoursPerWeek:"Horas a la semana que puedes dedicarle",hoursHint:"Por ejemplo, 1,5",minutesPerSession:"Duración máxima de una sesión",optional:"Más sobre ti (opcional)",urgent:"Necesito ayuda ahora mismo",relationship:"¿De quién te gustaría aprender?",relationships:{no_preference:"Sin preferencia",single_senior:"De una persona con más experiencia",several_mentors:"De varios mentores, cada uno en un ámbito",peers:"De compañeros de mi nivel",junior_colleagues:"De colegas más jóvenes (mentoría inversa)",ai_tool:"De una herramienta de IA o por mi cuenta"},structure:"¿Qué grado de estructura prefieres?",structures:{no_preference:"Sin preferencia",informal:"Informal",semi_structured:"Algo estructurado",structured:"Estructurado, con un programa definido"},context:"¿Con qué cuentas?",contexts:{coach_budget:"Presupuesto para un coach externo",sponsors_available:"Una persona sénior que me respalde",peers_available:"Compañeros en una etapa similar",ai_acceptable:"Me parecen bien las herramientas de coaching con IA",senior_learns_from_juniors:"Ocupo un puesto directivo y quiero aprender de personas con menos experiencia"},submit:"Ver mi recomendación",loading:"Buscando la opción que mejor encaja…",resultsTitle:"Tu recomendación",topThree:"Tus tres mejores opciones",fit:"Afinidad: {percent}",reasons:"Por qué encaja",cautions:"Ten en cuenta",about:"Más sobre {name}",openContent:"Leer más sobre {name}",growthPlan:"Un plan de crecimiento",weeks:{one:"# semana",other:"# semanas"},sessions:{one:"# sesión al mes",other:"# sesiones al mes"},minutes:{one:"# minuto",other:"# minutos"},counterfactual:"Qué cambiaría la recomendación",changeAnswers:"Cambiar mis respuestas",reference:"Referencia: {id}",originNotAllowed:"El recomendador no está disponible en este sitio.",originHint:"Si gestionas este sitio, solicita una clave que incluya la dirección de esta página.",unauthorized:"La clave del recomendador no es válida o se ha revocado.",rateLimited:{one:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundo.",other:"Hay demasiadas solicitudes en este momento. Vuelve a intentarlo dentro de # segundos."},unavailable:"El recomendador no está disponible en este momento. Vuelve a intentarlo en breve.",invalid:"Revisa tus respuestas:",notFramed:"Esta página solo funciona dentro del sitio de un socio.",goalsRequired:"Elige al menos un objetivo.",hoursInvalid:"Indica un número de horas entre 0,05 y 40.",missingKey:"Falta la clave del recomendador (el atributo api-key)."};var $e={title:"Trouvez votre voie de développement",intro:"Répondez à quelques questions pour savoir si le mentorat, le coaching ou une combinaison des deux vous convient le mieux.",careerStage:"Étape de carrière",careerStages:{early:"Début de carrière",mid:"Milieu de carrière",senior:"Profil senior",executive:"Poste de direction"},goals:"Qu’attendez-vous de votre développement ?",goalsHint:"Choisissez-en au moins un.",goalLabels:{career_navigation:"Orienter ma carrière sur le long terme",network_building:"Développer mon réseau",industry_knowledge:"Mieux connaître mon secteur",specific_skill:"Acquérir une compétence précise",performance_improvement:"Améliorer mes performances",behaviour_change:"Changer une habitude ou un comportement",immediate_challenge:"Faire face à une difficulté actuelle",leadership_development:"Développer mon leadership",advancement_visibility:"Gagner en visibilité pour évoluer",digital_fluency:"Être à l’aise avec les outils numériques",peer_learning:"Apprendre avec des collègues de mon niveau"},horizon:"À quel horizon vous projetez-vous ?",horizons:{4:"Environ un mois",13:"Environ trois mois",26:"Environ six mois",52:"Environ un an",104:"Deux ans ou plus"},hoursPerWeek:"Heures disponibles par semaine",hoursHint:"Par exemple 1,5",minutesPerSession:"Durée maximale d’une séance",optional:"Pour aller plus loin (facultatif)",urgent:"J’ai besoin d’aide dès maintenant",relationship:"Auprès de qui aimeriez-vous apprendre ?",relationships:{no_preference:"Pas de préférence",single_senior:"Une personne plus expérimentée",several_mentors:"Plusieurs mentors, chacun pour un domaine",peers:"Des collègues de mon niveau",junior_colleagues:"Des collègues plus jeunes (mentorat inversé)",ai_tool:"Un outil d’IA ou en autonomie"},structure:"Quel degré de structure souhaitez-vous ?",structures:{no_preference:"Pas de préférence",informal:"Informel",semi_structured:"Plutôt structuré",structured:"Structuré, avec un programme défini"},context:"De quoi disposez-vous ?",contexts:{coach_budget:"Un budget pour un coach externe",sponsors_available:"Une personne d’expérience prête à me soutenir",peers_available:"Des collègues au même stade que moi",ai_acceptable:"Les outils de coaching par IA me conviennent",senior_learns_from_juniors:"J’occupe un poste de direction et souhaite apprendre de collègues plus jeunes"},submit:"Voir ma recommandation",loading:"Recherche de l’option la plus adaptée…",resultsTitle:"Votre recommandation",topThree:"Vos trois meilleures options",fit:"Adéquation : {percent}",reasons:"Pourquoi cela vous correspond",cautions:"Points de vigilance",about:"En savoir plus sur {name}",openContent:"Lire la fiche : {name}",growthPlan:"Un plan de progression",weeks:{one:"# semaine",other:"# semaines"},sessions:{one:"# séance par mois",other:"# séances par mois"},minutes:{one:"# minute",other:"# minutes"},counterfactual:"Ce qui changerait la recommandation",changeAnswers:"Modifier mes réponses",reference:"Référence : {id}",originNotAllowed:"Le recommandeur n’est pas disponible sur ce site.",originHint:"Si vous gérez ce site, demandez une clé qui inclut l’adresse de cette page.",unauthorized:"La clé du recommandeur n’est pas valide ou a été révoquée.",rateLimited:{one:"Trop de demandes pour le moment. Réessayez dans # seconde.",other:"Trop de demandes pour le moment. Réessayez dans # secondes."},unavailable:"Le recommandeur est momentanément indisponible. Réessayez dans un instant.",invalid:"Vérifiez vos réponses :",notFramed:"Cette page ne fonctionne qu’intégrée au site d’un partenaire.",goalsRequired:"Choisissez au moins un objectif.",hoursInvalid:"Indiquez un nombre d’heures compris entre 0,05 et 40.",missingKey:"Il manque la clé du recommandeur (l’attribut api-key)."};var we={en:S,es:ye,fr:$e,de:_e},Se=["early","mid","senior","executive"],Ae=Object.keys(S.goalLabels),De=Object.keys(S.horizons),We=[15,30,45,60,90,120],Ee=Object.keys(S.relationships),xe=Object.keys(S.structures),ke=Object.keys(S.contexts),Ve=new URL(import.meta.url).origin;function X(s,e){return s!==null&&e.includes(s)?s:void 0}function Pe(s,e,t){let r=s===null?NaN:Number(s);return Number.isInteger(r)&&r>=e&&r<=t?r:void 0}var T=class extends b{constructor(){super();this.resizeObserver=null;this.apiKey="",this.apiBase=Ve,this.careerStage=null,this.goals=null,this.horizonWeeks=null,this.hoursPerWeek=null,this.minutesPerSession=null,this.variantHref=null,this.frame=!1,this.hostOrigins="",this.view="form",this.result=null,this.failure=null,this.formError=null,this.contents={}}get locale(){let r=(this.getAttribute("lang")||this.parentElement?.closest("[lang]")?.getAttribute("lang")||document.documentElement.lang||navigator.language||"en").toLowerCase().split("-")[0];return r in we?r:"en"}get t(){return we[this.locale]}plural(t,r){return(new Intl.PluralRules(this.locale).select(r)==="one"?t.one:t.other).replace("#",new Intl.NumberFormat(this.locale).format(r))}fill(t,r){return t.replace(/\{(\w+)\}/g,(n,i)=>r[i]??"")}knownSituation(){let t=X(this.careerStage,Se),r=(this.goals??"").split(/[\s,]+/).filter(m=>Ae.includes(m)),n=Pe(this.horizonWeeks,1,520),i=Number(this.hoursPerWeek),o=Pe(this.minutesPerSession,5,480);if(!t||r.length===0||!n||!o||!(i>=.05&&i<=40))return null;let l={career_stage:t,goals:[...new Set(r)],horizon_weeks:n,hours_per_week:i,minutes_per_session:o},a=this.getAttribute("urgent");(a==="true"||a==="false")&&(l.urgent=a==="true");let d=X(this.getAttribute("relationship-preference"),Ee);d&&(l.relationship_preference=d);let p=X(this.getAttribute("structure-preference"),xe);p&&(l.structure_preference=p);let g=(this.getAttribute("context")??"").split(/[\s,]+/).filter(m=>ke.includes(m));return g.length&&(l.context=Object.fromEntries(g.map(m=>[m,!0]))),l}connectedCallback(){if(super.connectedCallback(),this.frame&&window.parent===window){this.fail({message:this.t.notFramed});return}this.frame&&"ResizeObserver"in window&&(this.resizeObserver=new ResizeObserver(()=>this.tell({type:"mc-resize",height:document.documentElement.scrollHeight})),this.resizeObserver.observe(document.documentElement))}disconnectedCallback(){super.disconnectedCallback(),this.resizeObserver?.disconnect()}firstUpdated(t){if(this.view==="error")return;if(!this.apiKey){this.fail({message:this.t.missingKey});return}let r=this.knownSituation();r&&this.recommend(r)}tell(t){if(!(!this.frame||window.parent===window))for(let r of this.hostOrigins.split(/\s+/).filter(Boolean))window.parent.postMessage(t,r)}emit(t,r){this.dispatchEvent(new CustomEvent(t,{detail:r,bubbles:!0,composed:!0})),this.tell({type:t,...r})}fail(t){this.failure=t,this.view="error"}async request(t,r={}){return fetch(new URL(t,this.apiBase),{...r,headers:{Accept:"application/json","X-API-Key":this.apiKey,...r.headers},credentials:"omit",referrerPolicy:"no-referrer",cache:"no-store",mode:"cors"})}async failureOf(t){let r=this.t,n={};try{n=await t.json()}catch{}if(t.status===403&&n.code==="origin-not-allowed")return{message:r.originNotAllowed,hint:r.originHint};if(t.status===401)return{message:r.unauthorized};if(t.status===429){let i=Number(t.headers.get("Retry-After"))||60;return{message:this.plural(r.rateLimited,i)}}return t.status===422&&n.errors?{message:r.invalid,details:n.errors.map(i=>i.message)}:{message:r.unavailable}}async recommend(t){this.view="loading";let r=`/v1/recommendations?locale=${this.locale}`,n;try{n=await this.request(r,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(t)})}catch{this.fail({message:this.t.originNotAllowed,hint:this.t.originHint});return}if(!n.ok){this.fail(await this.failureOf(n));return}let i=await n.json();this.result=i,this.contents={},this.view="result",await this.updateComplete,this.renderRoot.querySelector("#mc-result-heading")?.focus(),this.emit("mc-recommendation",{variant:i.primary.variant,approach:i.primary.approach,decision_id:i.decision_id})}onSubmit(t){t.preventDefault();let r=t.currentTarget,n=new FormData(r),i=n.getAll("goals").map(String);if(i.length===0){this.formError=this.t.goalsRequired,this.updateComplete.then(()=>this.renderRoot.querySelector("input[name=goals]")?.focus());return}let o=Number(String(n.get("hours")??"").replace(",","."));if(!(o>=.05&&o<=40)){this.formError=this.t.hoursInvalid,this.updateComplete.then(()=>this.renderRoot.querySelector("#mc-hours")?.focus());return}this.formError=null;let l={};for(let a of n.getAll("context"))l[String(a)]=!0;this.recommend({career_stage:n.get("career_stage"),goals:i,horizon_weeks:Number(n.get("horizon")),hours_per_week:o,minutes_per_session:Number(n.get("minutes")),urgent:n.get("urgent")?!0:null,relationship_preference:n.get("relationship"),structure_preference:n.get("structure"),context:l})}async loadContent(t,r){if(t.currentTarget.open&&(this.emit("mc-select",{variant:r,decision_id:this.result?.decision_id??""}),!this.contents[r])){this.contents={...this.contents,[r]:"loading"};try{let i=await this.request(`/v1/variants/${encodeURIComponent(r)}?locale=${this.locale}`),o=i.ok?await i.json():"failed";this.contents={...this.contents,[r]:o}}catch{this.contents={...this.contents,[r]:"failed"}}}}linkTo(t){if(this.variantHref)try{let r=new URL(this.variantHref.replace("{variant}",encodeURIComponent(t)),location.href);return r.protocol==="https:"||r.protocol==="http:"?r.href:void 0}catch{return}}selectLink(t){this.emit("mc-select",{variant:t,decision_id:this.result?.decision_id??""})}changeAnswers(){this.view="form",this.result=null}updated(t){t.has("view")&&this.view==="error"&&this.renderRoot.querySelector("[role=alert]")?.focus()}render(){let t=this.t;return u`<section part="container" lang=${this.locale} aria-busy=${this.view==="loading"}>
      ${this.view==="error"?this.renderFailure():c}
      ${this.view==="form"?this.renderForm(t):c}
      ${this.view==="loading"?u`<p part="status" role="status">${t.loading}</p>`:c}
      ${this.view==="result"&&this.result?this.renderResult(t,this.result):c}
    </section>`}renderFailure(){let t=this.failure??{message:this.t.unavailable};return u`<div part="error" role="alert" tabindex="-1">
      <p class="error-message">${t.message}</p>
      ${t.hint?u`<p class="hint">${t.hint}</p>`:c}
      ${t.details?u`<ul>
            ${t.details.map(r=>u`<li>${r}</li>`)}
          </ul>`:c}
    </div>`}renderForm(t){let r=(n,i,o=!1)=>u`<option value=${n} ?selected=${o}>${i}</option>`;return u`<form part="form" novalidate @submit=${this.onSubmit}>
      <h2 part="title" class="title">${t.title}</h2>
      <p class="intro">${t.intro}</p>
      <div part="field" class="field">
        <label part="label" for="mc-stage">${t.careerStage}</label>
        <select part="input" id="mc-stage" name="career_stage" required>
          ${Se.map(n=>r(n,t.careerStages[n],n===this.careerStage))}
        </select>
      </div>
      <fieldset part="field" class="field goals" aria-describedby="mc-goals-hint">
        <legend part="label">${t.goals}</legend>
        <p class="hint" id="mc-goals-hint">${t.goalsHint}</p>
        ${Ae.map(n=>u`<label class="choice"
            ><input type="checkbox" name="goals" value=${n} />
            ${t.goalLabels[n]}</label
          >`)}
      </fieldset>
      <div part="field" class="field">
        <label part="label" for="mc-horizon">${t.horizon}</label>
        <select part="input" id="mc-horizon" name="horizon">
          ${De.map(n=>r(n,t.horizons[n],n==="26"))}
        </select>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-hours">${t.hoursPerWeek}</label>
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
        <p class="hint" id="mc-hours-hint">${t.hoursHint}</p>
      </div>
      <div part="field" class="field">
        <label part="label" for="mc-minutes">${t.minutesPerSession}</label>
        <select part="input" id="mc-minutes" name="minutes">
          ${We.map(n=>r(String(n),this.plural(t.minutes,n),n===60))}
        </select>
      </div>
      <details part="optional" class="optional">
        <summary>${t.optional}</summary>
        <label class="choice"><input type="checkbox" name="urgent" value="1" /> ${t.urgent}</label>
        <div part="field" class="field">
          <label part="label" for="mc-relationship">${t.relationship}</label>
          <select part="input" id="mc-relationship" name="relationship">
            ${Ee.map(n=>r(n,t.relationships[n]))}
          </select>
        </div>
        <div part="field" class="field">
          <label part="label" for="mc-structure">${t.structure}</label>
          <select part="input" id="mc-structure" name="structure">
            ${xe.map(n=>r(n,t.structures[n]))}
          </select>
        </div>
        <fieldset part="field" class="field">
          <legend part="label">${t.context}</legend>
          ${ke.map(n=>u`<label class="choice"
              ><input type="checkbox" name="context" value=${n} />
              ${t.contexts[n]}</label
            >`)}
        </fieldset>
      </details>
      ${this.formError?u`<p part="error" class="error-message" role="alert">${this.formError}</p>`:c}
      <button part="button" type="submit">${t.submit}</button>
    </form>`}renderVariant(t,r){let n=new Intl.NumberFormat(this.locale,{style:"percent"}).format(r.score),i=this.contents[r.variant],o=this.linkTo(r.variant);return u`<li part="variant" class="variant">
      <h4 class="variant-name">${r.name}</h4>
      <p class="score">${this.fill(t.fit,{percent:n})}</p>
      ${r.reasons.length?u`<p class="list-title">${t.reasons}</p>
            <ul part="reasons">
              ${r.reasons.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${r.cautions.length?u`<p class="list-title">${t.cautions}</p>
            <ul part="cautions">
              ${r.cautions.map(l=>u`<li>${l.text}</li>`)}
            </ul>`:c}
      ${o?u`<a part="variant-link" href=${o} @click=${()=>this.selectLink(r.variant)}
            >${this.fill(t.openContent,{name:r.name})}</a
          >`:u`<details part="variant-details" @toggle=${l=>this.loadContent(l,r.variant)}>
            <summary>${this.fill(t.about,{name:r.name})}</summary>
            ${i==="loading"?u`<p role="status">${t.loading}</p>`:i==="failed"?u`<p>${t.unavailable}</p>`:i?u`<p>${i.summary}</p>
                      <ul>
                        ${i.strengths.map(l=>u`<li>${l}</li>`)}
                      </ul>`:c}
          </details>`}
    </li>`}renderResult(t,r){let n=r.growth_plan;return u`<div part="results" class="results">
      <h2 part="title" class="title" id="mc-result-heading" tabindex="-1">${t.resultsTitle}</h2>
      <p part="headline" class="headline">${r.primary.headline}</p>
      <h3>${t.topThree}</h3>
      <ol class="ranking">
        ${r.ranking.slice(0,3).map(i=>this.renderVariant(t,i))}
      </ol>
      ${n?u`<div part="growth-plan">
            <h3>${t.growthPlan}</h3>
            <p>${n.summary}</p>
            <ul>
              ${n.tracks.map(i=>u`<li>
                    <strong>${i.name}</strong>: ${this.plural(t.weeks,i.duration_weeks)}
                    · ${this.plural(t.sessions,i.cadence_per_month)} ·
                    ${this.plural(t.minutes,i.session_minutes)}
                  </li>`)}
            </ul>
          </div>`:c}
      ${r.counterfactual?u`<div part="counterfactual">
            <h3>${t.counterfactual}</h3>
            <p>${r.counterfactual.text}</p>
          </div>`:c}
      <p class="reference">${this.fill(t.reference,{id:r.decision_id})}</p>
      ${this.knownSituation()?c:u`<button part="button" type="button" @click=${this.changeAnswers}>
            ${t.changeAnswers}
          </button>`}
    </div>`}};T.styles=be,T.properties={apiKey:{type:String,attribute:"api-key"},apiBase:{type:String,attribute:"api-base"},lang:{type:String},careerStage:{type:String,attribute:"career-stage"},goals:{type:String},horizonWeeks:{type:String,attribute:"horizon-weeks"},hoursPerWeek:{type:String,attribute:"hours-per-week"},minutesPerSession:{type:String,attribute:"minutes-per-session"},variantHref:{type:String,attribute:"variant-href"},frame:{type:Boolean},hostOrigins:{type:String,attribute:"host-origins"},view:{state:!0},result:{state:!0},failure:{state:!0},formError:{state:!0},contents:{state:!0}};customElements.get("mc-recommender")||customElements.define("mc-recommender",T);export{T as McRecommender};
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
