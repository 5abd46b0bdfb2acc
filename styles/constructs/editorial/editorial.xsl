<?xml version="1.0" encoding="UTF-8"?>
<!-- Editorial interventions: the reading text shows the edited reading, the source reading stays in the page (shown on hover/focus and in the diplomatic view) and in the list of interventions. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:me="http://www.menota.org/ns/1.0"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl me">

  <!-- A choice: the edited reading (corr, reg, expan) is the reading text; the source
       reading (sic, orig, abbr) follows it as span.diplomatic-only, labelled, with a space
       before it so that the two never run together when the page is read without its
       stylesheet. The web edition shows it on hover and focus and in the diplomatic view;
       books and exports leave it out (it is in the list of interventions). -->
  <xsl:template match="tei:choice">
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <xsl:variable name="type">
      <xsl:choose>
        <!-- (a pair is known by its edited member: an orig beside something else than a
             reg, DAILP's Cherokee <orig> and its <seg type="simple_phonetics">, is the
             text with an alternative, not a regularisation that shows nothing) -->
        <xsl:when test="tei:corr">sic-corr</xsl:when>
        <xsl:when test="tei:reg">orig-reg</xsl:when>
        <xsl:when test="tei:expan">abbr-expan</xsl:when>
        <xsl:otherwise>alternatives</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="choice" data-type="{$type}">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="$in-link != 'y'"><xsl:attribute name="tabindex">0</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$type = 'alternatives'">
          <!-- the first alternative is the reading text; of a Menota transcription's
               levels (facsimile, diplomatic, normalised) the normalised one, else the
               diplomatic one, and the others are the source's, as a sic is -->
          <xsl:variable name="level" select="(me:norm | me:dipl[not(../me:norm)])[1]"/>
          <xsl:variable name="shown" select="$level | *[1][not($level)]"/>
          <span class="alt alt-shown"><xsl:apply-templates select="$shown"/></span>
          <xsl:for-each select="*[count(. | $shown) != 1]">
            <span class="alt diplomatic-only"><xsl:text> </xsl:text><xsl:apply-templates select="."/></span>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]"/>
          <xsl:for-each select="(tei:sic | tei:orig | tei:abbr)[1]">
            <span class="{local-name()} diplomatic-only">
              <xsl:text> </xsl:text>
              <span class="choice-label"><xsl:value-of select="$L[@k = concat('choice-', local-name(current()))]"/><xsl:text>: </xsl:text></span>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Two layers of punctuation (pc @resp): the source's, and the editor's that replaces
       it (the Doni edition of Scholarly Editing: resp="#doni" the author's, "#ep" the
       editor's, "#doni #ep" the author's kept). When a text has both, the reading text
       has the editor's layer and the kept marks; a mark of the source alone is the
       source's reading (diplomatic view only), a mark of the editor alone leaves the
       diplomatic view. "signore:," read both layers at once. An editor is one the header
       names (editor, or a respStmt's name, with an xml:id). -->
  <xsl:variable name="editor-ids">
    <xsl:text> </xsl:text>
    <xsl:for-each select="/tei:TEI/tei:teiHeader//tei:editor[@xml:id] | /tei:TEI/tei:teiHeader//tei:respStmt/*[self::tei:name or self::tei:persName][@xml:id]">
      <xsl:value-of select="concat(@xml:id, ' ')"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="pc-layers" select="$editor-ids != ' '
      and key('element-by-name', 'pc')[self::tei:pc][@resp][not(str:tokenize(@resp, ' ')[not(contains($editor-ids, concat(' ', substring-after(., '#'), ' ')))])]
      and key('element-by-name', 'pc')[self::tei:pc][@resp][not(str:tokenize(@resp, ' ')[contains($editor-ids, concat(' ', substring-after(., '#'), ' '))])]"/>
  <xsl:template match="tei:pc[@resp]">
    <xsl:variable name="by-editor" select="str:tokenize(@resp, ' ')[contains($editor-ids, concat(' ', substring-after(., '#'), ' '))]"/>
    <xsl:variable name="by-source" select="str:tokenize(@resp, ' ')[not(contains($editor-ids, concat(' ', substring-after(., '#'), ' ')))]"/>
    <span>
      <xsl:attribute name="class">
        <xsl:text>pc</xsl:text>
        <xsl:if test="$pc-layers and not($by-editor)"> diplomatic-only</xsl:if>
        <xsl:if test="$pc-layers and not($by-source)"> pc-editorial</xsl:if>
      </xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan">
    <span class="{local-name()}">
      <xsl:call-template name="atts">
        <xsl:with-param name="gen" select="not(parent::tei:choice) and (self::tei:sic or self::tei:corr)"/>
        <xsl:with-param name="tei" select="false()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <!-- Alternatives in a choice other than the pairs above (and the levels of a Menota
       transcription: me:facs, me:dipl, me:norm) -->
  <xsl:template match="tei:choice/tei:seg | tei:choice/tei:unclear | tei:choice/me:facs | tei:choice/me:dipl | tei:choice/me:norm">
    <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A supplied that holds only a gap supplies nothing: no intervention of the list; and
       lost text the editor does not restore shows the gap's own "[…]", not "[[…]]". -->
  <xsl:key name="supplied-nothing" use="generate-id()" match="tei:supplied[tei:gap and count(*) = 1 and normalize-space(.) = '']"/>
  <!-- Supplied text is the editor's: in brackets, in every view and format, as the Leiden
       conventions of epigraphy and papyrology have them: [lost] restored, ⟨omitted⟩ by the
       writer and added by the editor. -->
  <xsl:template match="tei:supplied">
    <span class="supplied">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@reason"><xsl:attribute name="data-reason"><xsl:value-of select="@reason"/></xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="key('supplied-nothing', generate-id()) and not(@reason = 'omitted')">
          <xsl:apply-templates/>
        </xsl:when>
        <xsl:when test="@reason = 'omitted'">
          <span class="editorial-mark">&#x27E8;</span><xsl:apply-templates/><span class="editorial-mark">&#x27E9;</span>
        </xsl:when>
        <xsl:otherwise>
          <span class="editorial-mark">[</span><xsl:apply-templates/><span class="editorial-mark">]</span>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Letters the editor reads as superfluous stay in the text, in braces (Leiden). -->
  <xsl:template match="tei:surplus">
    <span class="surplus">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@reason"><xsl:attribute name="data-reason"><xsl:value-of select="@reason"/></xsl:attribute></xsl:if>
      <span class="editorial-mark">{</span><xsl:apply-templates/><span class="editorial-mark">}</span>
    </span>
  </xsl:template>

  <!-- The letters an editor adds to expand an abbreviation, in parentheses: M(arcus). -->
  <xsl:template match="tei:ex">
    <span class="ex">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <span class="editorial-mark">(</span><xsl:apply-templates/><span class="editorial-mark">)</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:unclear | tei:damage | tei:restore | tei:secl">
    <span class="{local-name()}">
      <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@reason"><xsl:attribute name="data-reason"><xsl:value-of select="@reason"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:subst">
    <span class="subst"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A deletion stays in the text, struck through, in every view and format: a reader
       sees what the writer crossed out (and no word of the source is lost). -->
  <!-- (a deletion whose words are not transcribed, <del unit="lines" quantity="1"/>, shows
       what a gap shows, struck through: "[…]"; it left no trace) -->
  <xsl:template match="tei:del">
    <del><xsl:call-template name="atts"/><xsl:if test="@rend"><xsl:attribute name="data-rend"><xsl:value-of select="@rend"/></xsl:attribute></xsl:if><xsl:call-template name="hand"/><xsl:call-template name="edit-of-blocks"/>
      <xsl:choose>
        <xsl:when test="not(node())"><xsl:call-template name="gap-mark"><xsl:with-param name="own" select="false()"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </del>
  </xsl:template>
  <!-- A modification the source renders (mod rend="strikethrough", as the Faust edition
       writes a struck word; "underline"…): set as its @rend says, as hi is (constructs/
       phrase); it read as live text. -->
  <xsl:template match="tei:mod[normalize-space(@rend) != '']">
    <xsl:variable name="r" select="concat(' ', translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  '), ' ')"/>
    <span class="mod"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="1"/></xsl:call-template></span>
  </xsl:template>
  <!-- An addition is reading text; the diplomatic view marks it. -->
  <xsl:template match="tei:add">
    <ins><xsl:call-template name="atts"/><xsl:if test="@place"><xsl:attribute name="data-place"><xsl:value-of select="@place"/></xsl:attribute></xsl:if><xsl:call-template name="hand"/><xsl:call-template name="edit-of-blocks"/><xsl:apply-templates/></ins>
  </xsl:template>
  <!-- An addition or deletion of whole lines or paragraphs (see is-flow) is a block of
       its own: data-blocks. -->
  <xsl:template name="edit-of-blocks">
    <xsl:variable name="blocks"><xsl:apply-templates select="." mode="is-flow"/></xsl:variable>
    <xsl:if test="$blocks = 'y'"><xsl:attribute name="data-blocks">y</xsl:attribute></xsl:if>
  </xsl:template>

  <!-- Who made an addition or a deletion (@hand, pointing at a handNote of the header):
       data-hand, and a title a reader sees on pointing at it, "Added by the author's
       wife, in pencil": the hand's scribe, else its description, else its name. -->
  <xsl:template name="hand">
    <xsl:variable name="token" select="translate(substring-before(concat(normalize-space(@hand), ' '), ' '), '#', '')"/>
    <xsl:if test="$token != ''">
      <xsl:variable name="name"><xsl:call-template name="hand-name"><xsl:with-param name="token" select="$token"/></xsl:call-template></xsl:variable>
      <xsl:attribute name="data-hand"><xsl:value-of select="$token"/></xsl:attribute>
      <xsl:attribute name="title">
        <xsl:call-template name="fill">
          <xsl:with-param name="text" select="$L[@k = concat(local-name(current()), '-by')]"/>
          <xsl:with-param name="n" select="$name"/>
        </xsl:call-template>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>
  <!-- A hand by its handNote (the token of a pointer): the hand's scribe, a person of the
       register's name, else its description (cut after 80 characters), else the token. -->
  <xsl:template name="hand-name">
    <xsl:param name="token"/>
    <xsl:variable name="note" select="key('id', $token)[1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($note/@scribe) != ''"><xsl:value-of select="translate(normalize-space($note/@scribe), '_', ' ')"/></xsl:when>
      <xsl:when test="$note[self::tei:person or self::tei:persName or self::tei:org]">
        <xsl:call-template name="name-of"><xsl:with-param name="node" select="($note/tei:persName | $note/tei:orgName | $note)[1]"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length(normalize-space($note)) &gt; 120"><xsl:value-of select="concat(substring(normalize-space($note), 1, 80), '…')"/></xsl:when>
      <xsl:when test="normalize-space($note) != ''"><xsl:value-of select="normalize-space($note)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$token"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A change of hand (handShift) that names the new hand, by a pointer to its handNote
       (@new) or by its writer (@scribe): a postscript in the writer's wife's hand is
       marked where it begins, "[Hand: Caroline]", in every format; it was silent, and
       her words read as his. -->
  <xsl:template match="tei:handShift[normalize-space(@new) != '' or normalize-space(@scribe) != '']">
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="normalize-space(@new) != ''"><xsl:call-template name="hand-name"><xsl:with-param name="token" select="translate(substring-before(concat(normalize-space(@new), ' '), ' '), '#', '')"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:value-of select="translate(normalize-space(@scribe), '_#', ' ')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="space-before"/>
    <span class="handShift editorial"><xsl:call-template name="atts"/><xsl:value-of select="concat('[', $L[@k = 'hand'], ': ', normalize-space($name), ']')"/></span>
    <xsl:variable name="next" select="substring((following-sibling::node()[1])[self::text()], 1, 1)"/>
    <xsl:if test="$next != '' and normalize-space($next) != ''"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A gap: one visible mark "[…]" in the text, described for screen readers. An
       illustration left out of the transcription is no gap in the text: it is a block
       of its own, "[Illustration]". -->
  <!-- (an unclear reading with no reading in it, "<unclear reason='illegible'/>", is a gap:
       it leaves a mark, never nothing between two spaces) -->
  <xsl:template match="tei:gap | tei:unclear[not(*)][normalize-space(.) = '']">
    <xsl:variable name="what" select="translate(concat(@reason, ' ', @unit, ' ', @agent, ' ', tei:desc), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="contains($what, 'illus') or contains($what, 'figure') or contains($what, 'image') or contains($what, 'picture')">
        <xsl:variable name="flow"><xsl:call-template name="block-here"/></xsl:variable>
        <xsl:element name="{substring('spanp', 1 + 4 * ($flow = 'y'), 4 - 3 * ($flow = 'y'))}">
          <xsl:attribute name="class">gap-figure editorial</xsl:attribute>
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:value-of select="concat('[', $L[@k = 'illustration'], ']')"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="gap-mark"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- The mark of what is not transcribed: "[…]", said in words to a screen reader ("gap:
       2 words (illegible)"), with what the editor says of it. -->
  <xsl:template name="gap-mark">
    <!-- (false inside an element that carries the ids itself, an empty del) -->
    <xsl:param name="own" select="true()"/>
    <!-- what the editor says is missing, in each language the TEI says it -->
    <xsl:variable name="told"><xsl:for-each select="tei:desc[normalize-space(.) != '']"><xsl:if test="position() &gt; 1"><xsl:text> / </xsl:text></xsl:if><xsl:value-of select="normalize-space(.)"/></xsl:for-each></xsl:variable>
    <xsl:variable name="desc">
      <xsl:value-of select="$L[@k = 'gap']"/>
      <xsl:if test="@quantity or @extent">
        <xsl:text>: </xsl:text>
        <xsl:choose>
          <xsl:when test="@quantity"><xsl:value-of select="normalize-space(concat(@quantity, ' ', @unit))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(@extent)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:if test="@reason"><xsl:value-of select="concat(' (', translate(@reason, '-_', '  '), ')')"/></xsl:if>
      <xsl:if test="normalize-space($told) != ''"><xsl:value-of select="concat(': ', normalize-space($told))"/></xsl:if>
    </xsl:variable>
    <span class="gap" role="img" aria-label="{$desc}" title="{$desc}">
      <xsl:if test="$own"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template></xsl:if>
      <!-- what the editor says is missing is read with the mark: "[… two pages removed]" -->
      <xsl:choose>
        <!-- (a description that is a sign standing for the missing letters, TCP's "•"
             for each illegible one, is the mark itself: "domm[•]ge", not "domm[… •]ge") -->
        <xsl:when test="string-length($told) &lt;= 3 and normalize-space($told) != ''
                        and translate($told, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ', '') = $told">
          <xsl:value-of select="concat('[', $told, ']')"/>
        </xsl:when>
        <xsl:when test="normalize-space($told) != ''"><xsl:value-of select="concat('[… ', normalize-space($told), ']')"/></xsl:when>
        <xsl:otherwise><xsl:text>[…]</xsl:text></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- ============ list of interventions ============ -->
  <!-- Spelling regularised throughout (orig/reg, a DTA or a pre-reform Russian text: one in
       every few words) is given in one run-in paragraph, not a line each (eight pages of
       "одним ← однимъ" for three of text); the list is for the editor's corrections. The
       source's spellings stay in every format, where the diplomatic view is not. -->
  <xsl:variable name="regularisations" select="key('element-by-name', 'choice')[self::tei:choice][ancestor::tei:text]
      [tei:reg][not(tei:sic or tei:corr or tei:abbr or tei:expan)]"/>
  <xsl:variable name="regularisations-listed" select="count($regularisations) &lt;= 20"/>
  <!-- The same abbreviation expanded the same way (a charter's ſ → s, q& → quod, hundreds
       of times) is one line of the list, with how often: a routine intervention listed at
       every place would fill pages. Corrections are each an editor's decision: each is
       listed. -->
  <xsl:key name="routine-intervention" match="tei:text//tei:choice[not(tei:sic or tei:corr)][tei:abbr or tei:expan or tei:orig or tei:reg]"
      use="concat(normalize-space((tei:expan | tei:reg)[1]), '|', normalize-space((tei:abbr | tei:orig)[1]))"/>
  <!-- The list's entries, also asked by the contents (header.xsl). (A Menota word's levels
       of transcription are no intervention: every word of a Menota text was listed. Other
       alternatives, two translations in seg, are: the books show the first only, and the
       list is where they keep the others.) -->
  <xsl:variable name="intervention-items" select="key('element-by-name', 'choice')[self::tei:choice][ancestor::tei:text]
        [tei:sic or tei:corr or *[namespace-uri() != 'http://www.menota.org/ns/1.0']]
        [$regularisations-listed or not(tei:reg and not(tei:sic or tei:corr or tei:abbr or tei:expan))]
        [tei:sic or tei:corr or not(tei:abbr or tei:expan or tei:orig or tei:reg)
         or generate-id() = generate-id(key('routine-intervention', concat(normalize-space((tei:expan | tei:reg)[1]), '|', normalize-space((tei:abbr | tei:orig)[1])))[1])]
      | key('element-by-name', 'corr')[self::tei:corr][not(parent::tei:choice)][ancestor::tei:text]
      | key('element-by-name', 'sic')[self::tei:sic][not(parent::tei:choice)][ancestor::tei:text]
      | key('element-by-name', 'supplied')[self::tei:supplied][ancestor::tei:text][not(key('supplied-nothing', generate-id()))]"/>
  <xsl:template name="interventions-section">
    <xsl:variable name="items" select="$intervention-items"/>
    <xsl:if test="$items or not($regularisations-listed)">
      <section id="{$id-interventions}" class="interventions" aria-labelledby="{$id-interventions}-heading">
        <h2 id="{$id-interventions}-heading"><xsl:value-of select="$L[@k = 'interventions']"/></h2>
        <xsl:if test="not($regularisations-listed)">
          <p class="regularisations">
            <xsl:call-template name="fill">
              <xsl:with-param name="text" select="$L[@k = 'regularisations']"/>
              <xsl:with-param name="n" select="count($regularisations)"/>
            </xsl:call-template>
            <xsl:for-each select="$regularisations">
              <xsl:choose>
                <xsl:when test="position() = 1"><xsl:text> </xsl:text></xsl:when>
                <xsl:otherwise><xsl:text>; </xsl:text></xsl:otherwise>
              </xsl:choose>
              <xsl:apply-templates select="." mode="intervention"><xsl:with-param name="run-in" select="true()"/></xsl:apply-templates>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:if>
        <xsl:if test="$items">
          <ol>
            <xsl:apply-templates select="$items" mode="intervention"/>
          </ol>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>
  <!-- a label with its number put in: "{n} spellings" -->
  <xsl:template name="fill">
    <xsl:param name="text"/>
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="contains($text, '{n}')"><xsl:value-of select="concat(substring-before($text, '{n}'), $n, substring-after($text, '{n}'))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="intervention">
    <xsl:param name="run-in" select="false()"/>
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="edited">
      <xsl:call-template name="plain-of"><xsl:with-param name="node" select="(self::tei:corr | self::tei:supplied | (tei:corr | tei:reg | tei:expan)[1] | self::tei:choice[not(tei:corr or tei:reg or tei:expan)]/*[1])/node()"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="source">
      <xsl:call-template name="plain-of"><xsl:with-param name="node" select="(self::tei:sic | (tei:sic | tei:orig | tei:abbr)[1][../tei:corr or ../tei:reg or ../tei:expan] | self::tei:choice[not(tei:corr or tei:reg or tei:expan)]/*[2])/node()"/></xsl:call-template>
    </xsl:variable>
    <xsl:element name="{substring('lispan', 1 + 2 * $run-in, 2 + 2 * $run-in)}">
      <xsl:attribute name="class">intervention</xsl:attribute>
      <xsl:attribute name="data-type">
        <xsl:choose>
          <xsl:when test="self::tei:choice[tei:corr] or self::tei:corr or self::tei:sic">correction</xsl:when>
          <xsl:when test="self::tei:choice[tei:reg]">regularisation</xsl:when>
          <xsl:when test="self::tei:choice[tei:expan]">expansion</xsl:when>
          <xsl:when test="self::tei:supplied">supplied</xsl:when>
          <xsl:otherwise>alternative</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <a href="#{$id}">
        <span class="edited">
          <xsl:choose>
            <xsl:when test="self::tei:sic"><xsl:value-of select="concat('(', $L[@k = 'unchanged'], ')')"/></xsl:when>
            <xsl:when test="$edited != ''"><xsl:value-of select="$edited"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('(', $L[@k = 'omitted'], ')')"/></xsl:otherwise>
          </xsl:choose>
        </span>
      </a>
      <xsl:text> ← </xsl:text>
      <span class="source-reading">
        <xsl:choose>
          <xsl:when test="self::tei:supplied"><xsl:value-of select="concat('(', $L[@k = 'not-in-source'], ')')"/></xsl:when>
          <xsl:when test="self::tei:corr"><xsl:value-of select="concat('(', $L[@k = 'not-recorded'], ')')"/></xsl:when>
          <xsl:when test="$source != ''"><xsl:value-of select="$source"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('(', $L[@k = 'nothing'], ')')"/></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="self::tei:choice[not(tei:sic or tei:corr)][tei:abbr or tei:expan or tei:orig or tei:reg] and not($run-in)">
        <xsl:variable name="same" select="count(key('routine-intervention', concat(normalize-space((tei:expan | tei:reg)[1]), '|', normalize-space((tei:abbr | tei:orig)[1]))))"/>
        <xsl:if test="$same &gt; 1"><xsl:value-of select="concat(' (×', $same, ')')"/></xsl:if>
      </xsl:if>
      <xsl:for-each select="key('note-by-target', @xml:id)">
        <xsl:text> </xsl:text>
        <span class="editor-note"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template></span>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
