<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes: calls in the text, bodies in section.notes (every @place but inline), anchored notes (@target) called at their anchor. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- Notes come in two series, each numbered in the order of its calls: the textual
       notes (on the transcription: @type transcript, textual, textcrit…) lettered a, b, c,
       every other note numbered 1, 2, 3. @n, when given, is the note's own label. -->
  <xsl:variable name="textual-note-types"
      select="' transcript transcription transcriptional textual textcrit text-critical critical crit apparatus variant variants sic '"/>

  <!-- The notes of the text that go to the notes section, and the apparatus entries that
       do: every note but inline ones, a note of an apparatus entry (part of the entry) and
       the speaker note of an utterance (its speaker label, constructs/drama); every app
       but those of an apparatus apart from the text (listApp, a list where it stands).
       The calls, the notes section and the contents' link to it all read these two. -->
  <!-- (with the notes kept apart from the text, in standOff, that the text calls with a
       ptr or an empty ref, as the Mondrian and other letter editions have their commentary) -->
  <xsl:variable name="text-notes" select="key('element-by-name', 'note')[self::tei:note][not(@place = 'inline')][not(key('note-in-place', generate-id()))][not(key('note-block', generate-id()))][not(key('entry-note', generate-id()))][ancestor::tei:text][not(parent::tei:app)][not(@type = 'speaker' and following-sibling::*[1][self::tei:u])]
      | key('element-by-name', 'note')[self::tei:note][@xml:id][ancestor::tei:standOff][key('ref-to-note', @xml:id)]
      | key('element-by-name', 'note')[self::tei:note][not(@xml:id)][not(@place = 'inline')][ancestor::tei:standOff]
          [not(ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg)]"/>
  <!-- (the last: a note inside what a standOff publishes after the text, a word-by-word
       analysis's note on one word, is called where it stands; it had a call and no body) -->
  <!-- A note the source sets as a line of its own where it stands, centred or to the right
       (rend="center", no @place, pointing nowhere): a newspaper's "FOR THE ANGLO-AFRICAN."
       over a poem is a line of the page, not a footnote. -->
  <xsl:key name="note-in-place" match="tei:note[not(@place) and not(@target) and not(@xml:id)]
      [contains(translate(concat(' ', @rend, ' '), 'CENTRIGHm()', 'centrighm  '), ' center ')
       or contains(translate(concat(' ', @rend, ' '), 'CENTRIGHm()', 'centrighm  '), ' centre ')
       or contains(translate(concat(' ', @rend, ' '), 'CENTRIGHm()', 'centrighm  '), ' right ')]" use="generate-id()"/>
  <!-- A note standing among the blocks of a division, outside any paragraph, pointing
       nowhere and placed nowhere else (a play's note on its source after the cast list, a
       body's "free-standing note"), or one the encoding says is anchored nowhere
       (anchored="false": a poem's headnote between its titles): a block where it stands,
       as the source sets it. As a footnote its call stood alone on a line. -->
  <xsl:key name="note-block" use="generate-id()" match="tei:note[not(@target) and not(@xml:id)][not(@type = 'speaker')]
      [not(@place) or @anchored = 'false'][normalize-space(.) != '' or *]
      [parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4 or parent::tei:div5
       or parent::tei:div6 or parent::tei:div7 or parent::tei:front or parent::tei:body or parent::tei:back]
      [not(ancestor::tei:div[@type = 'notes' or @type = 'endnotes' or @type = 'footnotes'])]"/>
  <!-- A note inside an entry of a register or a bibliography (a person's, a place's, a
       work's: PMB's <note type="work_kind">Erzählung</note>) without a @place of its own
       is part of the entry, set in it; as a footnote it was numbered among the
       commentary's notes ("3 Erzählung"), and where the entry is not set as text (a
       register entry) its call was nowhere. -->
  <xsl:key name="entry-note" use="generate-id()" match="tei:note[not(@place) and not(@target) and not(@xml:id)]
      [ancestor::tei:bibl or ancestor::tei:biblStruct or ancestor::tei:person or ancestor::tei:personGrp
       or ancestor::tei:place or ancestor::tei:org]
      [ancestor::tei:listBibl or ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg]"/>
  <!-- (an app with one reading and no witness, source or note says nothing of variation:
       an Arabic edition marks with it where its external apparatus applies; 275 notes
       repeated the text's words, "Variant 1: أشدّ". Its reading is the text, no call.) -->
  <xsl:key name="silent-app" use="generate-id()" match="tei:app[not(tei:rdgGrp or tei:note or tei:witDetail)][count(tei:lem | tei:rdg) = 1]
      [not((tei:lem | tei:rdg)/@wit or (tei:lem | tei:rdg)/@source or (tei:lem | tei:rdg)/@resp or @wit)]"/>
  <xsl:variable name="text-apps" select="key('element-by-name', 'app')[self::tei:app][not(parent::tei:listApp)][not(key('silent-app', generate-id()))]"/>

  <!-- Calls in document order: a note called where it stands, or the first empty ref/ptr
       calling a note (the note itself then stands elsewhere, in back). Computed once, so
       that numbering stays linear in the number of notes. -->
  <xsl:variable name="note-calls-rtf">
    <xsl:for-each select="$root-node">
      <xsl:variable name="calls" select="$text-notes
          [not(@xml:id and key('ref-to-note', @xml:id)[key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]])]
          | key('element-by-name', 'ref')[self::tei:ref][@target][normalize-space(.) = ''][not(*)][key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]]
          | key('element-by-name', 'ptr')[self::tei:ptr][@target][key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]]
          | $text-apps"/>
      <!-- each call names its note (itself, or the note it points at); a note called twice counts once -->
      <xsl:variable name="first-calls" select="$calls[self::tei:note or self::tei:app]
          | $calls[not(self::tei:note)][generate-id() = generate-id(key('ref-to-note', substring-after(normalize-space(@target), '#'))[1])]"/>
      <xsl:for-each select="$first-calls[not(self::tei:app)][not(contains($textual-note-types, concat(' ', normalize-space(descendant-or-self::tei:note[1]/@type | key('id', substring-after(normalize-space(@target), '#'))/@type), ' ')) and normalize-space(descendant-or-self::tei:note[1]/@type | key('id', substring-after(normalize-space(@target), '#'))/@type) != '')]">
        <xsl:variable name="note" select="self::tei:note | key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]"/>
        <xsl:variable name="own" select="normalize-space($note/@n)"/>
        <o g="{generate-id($note)}" mark="{$own != '' and translate($own, '0123456789', '') = $own}"/>
      </xsl:for-each>
      <xsl:for-each select="$first-calls[self::tei:app or contains($textual-note-types, concat(' ', normalize-space(descendant-or-self::tei:note[1]/@type | key('id', substring-after(normalize-space(@target), '#'))/@type), ' ')) and normalize-space(descendant-or-self::tei:note[1]/@type | key('id', substring-after(normalize-space(@target), '#'))/@type) != '']">
        <xsl:variable name="note" select="self::tei:note | self::tei:app | key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]"/>
        <o g="{generate-id($note)}" n="{position()}" s="textual"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>
  <!-- The numbers: notes that bring a mark of their own (n="*", "†") are no part of the
       numbered series ("First* … third1", not "third3"). -->
  <xsl:variable name="note-ordinals-rtf">
    <xsl:for-each select="exsl:node-set($note-calls-rtf)/o[not(@s)][@mark = 'false']"><o g="{@g}" n="{position()}"/></xsl:for-each>
    <xsl:copy-of select="exsl:node-set($note-calls-rtf)/o[@s]"/>
  </xsl:variable>
  <xsl:variable name="note-ordinals" select="exsl:node-set($note-ordinals-rtf)"/>
  <xsl:key name="note-ordinal" match="o" use="@g"/>

  <xsl:template match="tei:note">
    <xsl:variable name="t" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="target" select="key('id', substring-after($t, '#'))[ancestor::tei:text]"/>
    <xsl:choose>
      <xsl:when test="@place = 'inline' or key('entry-note', generate-id())">
        <!-- in parentheses, a word apart from the text before it (unless it brings its own) -->
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:variable name="own" select="$first = '(' or $first = '['"/>
        <xsl:call-template name="space-before"/>
        <span class="note-inline">
          <xsl:call-template name="atts"/>
          <xsl:if test="not($own)"><xsl:text>(</xsl:text></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="not($own)"><xsl:text>)</xsl:text></xsl:if>
        </span>
      </xsl:when>
      <xsl:when test="key('note-in-place', generate-id())">
        <span class="note-in-place"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="key('note-block', generate-id())">
        <div class="note-block">
          <xsl:call-template name="atts"/>
          <xsl:choose>
            <xsl:when test="tei:p | tei:ab | tei:list | tei:lg | tei:table | tei:quote[tei:p or tei:l or tei:lg]"><xsl:apply-templates/></xsl:when>
            <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:when>
      <!-- a note on the whole speech (before its first line): called in the speaker label -->
      <xsl:when test="parent::tei:sp[tei:speaker] and not(preceding-sibling::*[not(self::tei:note or self::tei:speaker)])"/>
      <!-- called by a ref elsewhere -->
      <xsl:when test="@xml:id and key('ref-to-note', @xml:id)"/>
      <!-- called where its target is -->
      <xsl:when test="$target and (ancestor::tei:back or parent::tei:noteGrp or ancestor::tei:div[@type = 'notes'] or $target[self::tei:anchor])"/>
      <xsl:otherwise><xsl:call-template name="note-call"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:noteGrp">
    <xsl:apply-templates select="tei:note"/>
  </xsl:template>

  <!-- A division of the back matter that only holds notes called from the text: its
       notes are in the notes section; here only its heading's and its own ids remain. -->
  <xsl:template match="tei:div[@type = 'notes' or @type = 'endnotes' or @type = 'footnotes'][tei:note][not(*[not(self::tei:note or self::tei:head or self::tei:noteGrp)])]">
    <xsl:if test="@xml:id"><span class="anchor" id="{@xml:id}"/></xsl:if>
  </xsl:template>

  <!-- Annotations kept apart from the text (standOff/listAnnotation): the notes the text
       calls are in the notes section, each at its call; the others (a letter's dating, the
       description of its source) are the edition's commentary on the whole text, printed
       after it under their own heading, where an uncalled note would have become a lone
       call ("*") with its body nowhere. -->
  <xsl:template match="tei:listAnnotation">
    <xsl:variable name="shown" select="tei:note[normalize-space(.) != ''][not(@xml:id and key('ref-to-note', @xml:id))]
        | tei:annotation[normalize-space(.) != '']"/>
    <xsl:if test="$shown or tei:listAnnotation">
      <section class="listAnnotation">
        <xsl:call-template name="atts"/>
        <xsl:if test="$shown and not(ancestor::tei:listAnnotation)">
          <h2 class="editorial">
            <xsl:choose>
              <xsl:when test="tei:head"><xsl:apply-templates select="tei:head[1]/node()"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="label-here"><xsl:with-param name="k" select="'annotations'"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </h2>
        </xsl:if>
        <xsl:for-each select="$shown">
          <div class="annotation">
            <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
            <xsl:apply-templates select="@xml:lang | ../@xml:lang[not(current()/@xml:lang)]" mode="att"/>
            <xsl:choose>
              <xsl:when test="tei:p"><xsl:apply-templates/></xsl:when>
              <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:for-each>
        <xsl:apply-templates select="tei:listAnnotation"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An empty ref or ptr pointing at a note is that note's call. -->
  <xsl:template match="tei:ref[@target][normalize-space(.) = ''][not(*)][key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]]
      | tei:ptr[@target][key('id', substring-after(normalize-space(@target), '#'))[self::tei:note]]" priority="2">
    <xsl:variable name="ref" select="."/>
    <xsl:for-each select="key('id', substring-after(normalize-space(@target), '#'))[self::tei:note][1]">
      <xsl:call-template name="note-call">
        <xsl:with-param name="first" select="generate-id($ref) = generate-id(key('ref-to-note', @xml:id)[1])"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- A note's number: its @n as the source numbers it, without the prefix some projects
       give it to make it an identifier ("n89", "fn12": 89, 12); else its place. -->
  <!-- (a number of its own is the note's label only when every note of the text brings
       one: where some do not, the others are numbered by their place, and "1" written on
       one note gave the series 1, 1, 3) -->
  <xsl:variable name="notes-unnumbered" select="$text-notes[normalize-space(@n) = '']"/>
  <xsl:template name="note-number">
    <xsl:variable name="written" select="normalize-space(@n)"/>
    <xsl:variable name="n" select="substring($written, 1, string-length($written) * not($notes-unnumbered and translate($written, '0123456789', '') != $written))"/>
    <xsl:variable name="prefix" select="translate($n, '0123456789', '')"/>
    <xsl:choose>
      <xsl:when test="$prefix != '' and $prefix != $n and starts-with($n, $prefix)
          and contains(' n N fn FN Fn note Note en EN nt ', concat(' ', $prefix, ' '))">
        <xsl:value-of select="substring($n, string-length($prefix) + 1)"/>
      </xsl:when>
      <!-- (an identifier in @n, "B19K1V1U6" of a collated Bible, or CBETA's line number
           "0848001", is no label a reader can use: such a note is numbered as the others are) -->
      <xsl:when test="$n != '' and (string-length($n) &lt;= 4 or ($prefix = '' and string-length($n) &lt;= 5 and not(starts-with($n, '0'))))"><xsl:value-of select="$n"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="g" select="generate-id()"/>
        <xsl:for-each select="$note-ordinals">
          <xsl:variable name="row" select="key('note-ordinal', $g)"/>
          <xsl:choose>
            <xsl:when test="$row/@s = 'textual'"><xsl:number value="$row/@n" format="a"/></xsl:when>
            <xsl:when test="$row"><xsl:value-of select="$row/@n"/></xsl:when>
            <xsl:otherwise>*</xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The call: a numbered link to the note body; its id (on the first call of a note)
       is the target of the back-link. -->
  <xsl:template name="note-call">
    <xsl:param name="first" select="true()"/>
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <a class="noteref" role="doc-noteref" href="#{$id}">
      <xsl:if test="$first"><xsl:attribute name="id">noteref-<xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:if test="@place"><xsl:attribute name="data-place"><xsl:value-of select="@place"/></xsl:attribute></xsl:if>
      <xsl:if test="contains($textual-note-types, concat(' ', normalize-space(@type), ' ')) and normalize-space(@type) != ''">
        <xsl:attribute name="data-series">textual</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="note-number"/>
    </a>
  </xsl:template>

  <!-- An anchor: its id, and the calls of the notes pointing at it. -->
  <xsl:template match="tei:anchor">
    <span class="anchor">
      <xsl:call-template name="atts"/>
    </span>
    <xsl:for-each select="key('note-by-target', @xml:id)[not(ancestor::tei:back or parent::tei:noteGrp or ancestor::tei:div[@type = 'notes'])]">
      <xsl:call-template name="note-call"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ the notes section ============ -->
  <xsl:template name="notes-section">
    <xsl:variable name="notes" select="$text-notes | $text-apps"/>
    <xsl:if test="$notes">
      <section id="{$id-notes}" class="notes" role="doc-endnotes" aria-labelledby="{$id-notes}-heading">
        <h2 id="{$id-notes}-heading"><xsl:value-of select="$L[@k = 'notes']"/></h2>
        <xsl:apply-templates select="$notes" mode="note-body"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The words of every note body, looked up once (a lookup in the label table is a
       search of it: once per note adds up in a book of thousands). -->
  <xsl:variable name="L-note" select="string($L[@k = 'note'])"/>
  <xsl:variable name="L-back-to-note" select="string($L[@k = 'back-to-note'])"/>
  <xsl:variable name="L-variant" select="string($L[@k = 'variant'])"/>
  <xsl:variable name="L-back-to-variant" select="string($L[@k = 'back-to-variant'])"/>

  <xsl:template match="tei:note" mode="note-body">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="num"><xsl:call-template name="note-number"/></xsl:variable>
    <xsl:variable name="backlink">
      <a class="backlink" role="doc-backlink" href="#noteref-{$id}" aria-label="{$L-back-to-note} {$num}"><xsl:value-of select="$num"/></a>
      <xsl:text> </xsl:text>
    </xsl:variable>
    <!-- each note is a landmark of its own: it needs a name no other note has -->
    <aside class="note" role="doc-footnote" id="{$id}">
      <xsl:attribute name="aria-label"><xsl:value-of select="concat($L-note, ' ', $num)"/></xsl:attribute>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:attribute name="data-place">
        <xsl:choose>
          <xsl:when test="@place"><xsl:value-of select="@place"/></xsl:when>
          <xsl:otherwise>foot</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:variable name="blocks"><xsl:call-template name="has-blocks"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$blocks = 'y'">
          <xsl:copy-of select="$backlink"/>
          <xsl:apply-templates/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:copy-of select="$backlink"/><xsl:apply-templates/></p>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

</xsl:stylesheet>
