<?xml version="1.0" encoding="UTF-8"?>
<!-- Quotations: quote, q, said, cit, and the link from a quotation to its source. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- The source pointer of a quotation: its @source, else its cit's bibl (ptr or id). -->
  <xsl:template name="source-pointer">
    <xsl:variable name="own" select="substring-before(concat(normalize-space(@source), ' '), ' ')"/>
    <xsl:variable name="cit" select="parent::tei:cit"/>
    <xsl:choose>
      <xsl:when test="$own != ''"><xsl:value-of select="$own"/></xsl:when>
      <xsl:when test="$cit/@source"><xsl:value-of select="substring-before(concat(normalize-space($cit/@source), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/tei:ptr/@target"><xsl:value-of select="substring-before(concat(normalize-space($cit/tei:bibl/tei:ptr/@target), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/@corresp"><xsl:value-of select="substring-before(concat(normalize-space($cit/tei:bibl/@corresp), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/@xml:id"><xsl:value-of select="concat('#', $cit/tei:bibl/@xml:id)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The link from a quotation to its source, labelled with a short citation
       ("Magenheimer, pp. 192–201"). Inline it follows the closing mark, a word apart and in
       brackets: the editor's, not the author's words. -->
  <xsl:template name="source-link">
    <xsl:param name="href"/>
    <xsl:param name="bracketed" select="true()"/>
    <xsl:if test="$href != ''">
      <xsl:variable name="target" select="key('id', substring-after($href, '#'))"/>
      <xsl:variable name="is-bibl" select="not(starts-with($href, '#')) or $target[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull or self::tei:msDesc]"/>
      <xsl:variable name="label">
        <xsl:choose>
          <xsl:when test="$target"><xsl:call-template name="bibl-label"><xsl:with-param name="node" select="$target"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$href"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <!-- the editor's words, set apart from the author's: a space, then in brackets -->
      <xsl:text> </xsl:text>
      <span class="quote-source-label editorial">
        <xsl:if test="$bracketed"><xsl:text>[</xsl:text></xsl:if>
        <a href="{$href}">
          <xsl:attribute name="class">
            <xsl:text>quote-source</xsl:text>
            <xsl:if test="not($is-bibl)"> quote-passage</xsl:if>
          </xsl:attribute>
          <!-- the visible text: a short citation ("Magenheimer, p. 307") where the entry gives one -->
          <xsl:variable name="short"><xsl:call-template name="short-citation"><xsl:with-param name="node" select="$target"/></xsl:call-template></xsl:variable>
          <!-- the accessible name holds the visible text (WCAG 2.5.3), then the full reference -->
          <xsl:attribute name="aria-label">
            <xsl:choose>
              <xsl:when test="$is-bibl"><xsl:value-of select="$L[@k = 'source']"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$L[@k = 'quoted-passage']"/></xsl:otherwise>
            </xsl:choose>
            <xsl:text>: </xsl:text>
            <xsl:if test="$is-bibl and normalize-space($short) != '' and not(contains($label, normalize-space($short)))">
              <xsl:value-of select="concat(normalize-space($short), ' — ')"/>
            </xsl:if>
            <xsl:value-of select="$label"/>
          </xsl:attribute>
          <xsl:choose>
            <xsl:when test="$is-bibl and normalize-space($short) != ''"><xsl:value-of select="normalize-space($short)"/></xsl:when>
            <xsl:when test="$is-bibl"><xsl:value-of select="$L[@k = 'source-link']"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$L[@k = 'passage']"/></xsl:otherwise>
          </xsl:choose>
        </a>
        <xsl:if test="$bracketed"><xsl:text>]</xsl:text></xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Quotation marks: written into the text by the hub (every format shows the same
       characters, a reader without the stylesheet too), in the marks of the quotation's
       language, inner marks for a quotation inside another. None are added where the TEI
       says the text keeps its own (editorialDecl/quotation/@marks="all"), or where the text
       around the element already has them. -->
  <xsl:variable name="marks-policy" select="normalize-space(((/tei:TEI | /tei:teiCorpus)/tei:teiHeader/tei:encodingDesc/tei:editorialDecl/tei:quotation/@marks)[1])"/>

  <xsl:template match="tei:quote | tei:q | tei:said">
    <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
    <xsl:variable name="ptr"><xsl:call-template name="source-pointer"/></xsl:variable>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$ptr"/></xsl:call-template></xsl:variable>
    <xsl:variable name="own-link" select="$href != '' and normalize-space(@source) != ''"/>
    <xsl:variable name="marked"><xsl:call-template name="marked"/></xsl:variable>
    <xsl:variable name="class">
      <xsl:value-of select="local-name()"/>
      <xsl:if test="self::tei:said and @direct = 'false'"> indirect</xsl:if>
      <xsl:if test="@type"><xsl:value-of select="concat(' quote-', translate(normalize-space(@type), ' ', '-'))"/></xsl:if>
      <xsl:value-of select="$marked"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$block = 'y'">
        <blockquote class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="$href != ''"><xsl:attribute name="cite"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
          <xsl:call-template name="who"/>
          <!-- (a quotation of quotations, as the examples of a linguistics article nest
               them, holds blocks: no paragraph around them) -->
          <xsl:variable name="inner-blocks"><xsl:for-each select="tei:quote | tei:q | tei:said"><xsl:call-template name="is-block"/></xsl:for-each></xsl:variable>
          <xsl:choose>
            <xsl:when test="tei:p or tei:lg or tei:l or tei:ab or tei:list or tei:table or tei:sp or tei:floatingText or contains($inner-blocks, 'y')">
              <xsl:apply-templates/>
            </xsl:when>
            <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$own-link">
            <p class="quote-source-line editorial">
              <xsl:text>— </xsl:text>
              <xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/><xsl:with-param name="bracketed" select="false()"/></xsl:call-template>
            </p>
          </xsl:if>
        </blockquote>
      </xsl:when>
      <xsl:when test="self::tei:said and @direct = 'false'">
        <span class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:call-template name="who"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="q{substring(concat(' ', $class), 1 + 2 * boolean(self::tei:q))}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="$href != ''"><xsl:attribute name="data-cite"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
          <xsl:call-template name="who"/>
          <xsl:call-template name="open-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
          <xsl:apply-templates/>
          <xsl:call-template name="close-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
        </span>
        <xsl:variable name="next" select="substring((following-sibling::node()[1])[self::text()], 1, 1)"/>
        <xsl:if test="$own-link and not($next != '' and contains($closing-marks, $next))">
          <xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/></xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The opening and closing mark of an inline quotation (none when it is ' marked'). -->
  <xsl:template name="open-mark">
    <xsl:param name="marked"/>
    <xsl:if test="normalize-space($marked) = ''">
      <xsl:variable name="marks"><xsl:call-template name="quote-marks"/></xsl:variable>
      <xsl:variable name="depth"><xsl:call-template name="quote-depth"/></xsl:variable>
      <xsl:value-of select="str:tokenize($marks, ' ')[1 + 2 * ($depth mod 2)]"/>
    </xsl:if>
  </xsl:template>
  <xsl:template name="close-mark">
    <xsl:param name="marked"/>
    <xsl:if test="normalize-space($marked) = ''">
      <xsl:variable name="marks"><xsl:call-template name="quote-marks"/></xsl:variable>
      <xsl:variable name="depth"><xsl:call-template name="quote-depth"/></xsl:variable>
      <xsl:value-of select="str:tokenize($marks, ' ')[2 + 2 * ($depth mod 2)]"/>
    </xsl:if>
  </xsl:template>
  <!-- How many inline quotations this one stands in (0: outer marks, 1: inner marks...). -->
  <xsl:template name="quote-depth">
    <xsl:value-of select="count(ancestor::*[self::tei:q or self::tei:quote or self::tei:soCalled
        or self::tei:said[not(@direct = 'false')] or self::tei:title[@level = 'a']]
        [not(contains(concat(' ', normalize-space(@rend), ' '), ' display ') or contains(concat(' ', normalize-space(@rend), ' '), ' block '))]
        [not(tei:p or tei:lg or tei:l or tei:ab)])"/>
  </xsl:template>

  <xsl:variable name="closing-marks" select="'”’»›«“&quot;'"/>

  <!-- The source link of an inline quotation goes after the closing mark that follows it.
       (Called for the text right after a quotation with @source by the one text() rule,
       in core.) -->
  <xsl:template name="text-after-quotation">
    <xsl:variable name="c" select="substring(., 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$c != '' and contains($closing-marks, $c)">
        <xsl:value-of select="$c"/>
        <xsl:for-each select="preceding-sibling::node()[1]">
          <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
          <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="substring-before(concat(normalize-space(@source), ' '), ' ')"/></xsl:call-template></xsl:variable>
          <xsl:if test="$block != 'y' and $href != '' and not(self::tei:said and @direct = 'false')">
            <xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:value-of select="substring(., 2)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="who">
    <xsl:if test="@who"><xsl:attribute name="data-who"><xsl:value-of select="normalize-space(translate(@who, '#', ''))"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- ' marked' when the hub adds no marks: the TEI declares that the text keeps every
       mark (editorialDecl/quotation/@marks="all"), or (unless it declares "none") the
       text around the element or its own first character already is a mark. -->
  <xsl:template name="marked">
    <xsl:variable name="before" select="(preceding-sibling::node()[1])[self::text()]"/>
    <xsl:variable name="last" select="substring(normalize-space($before), string-length(normalize-space($before)))"/>
    <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$marks-policy = 'all'"><xsl:text> marked</xsl:text></xsl:when>
      <xsl:when test="$marks-policy = 'none'"/>
      <xsl:when test="($last != '' and contains('“&quot;‘«»„‚‹›”’', $last)) or ($first != '' and contains('“&quot;‘«»„‚‹›', $first))">
        <xsl:text> marked</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- cit: the quotation and its bibliographic reference, together. A cit that quotes
       nothing, a reference in the author's words and the editor's identification of it
       (<cit><ref>sicut diffinitur in tercio Phisicorum,</ref><bibl>Aristotle, Phys. III 2
       201b31–33.</bibl></cit>), has those words as its text and the bibl as its source:
       they were both set in the parentheses of a source, glued ("Phisicorum,Aristotle"). -->
  <xsl:template match="tei:cit">
    <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
    <xsl:variable name="quoted" select="*[not(self::tei:bibl or self::tei:ref or self::tei:ptr)]"/>
    <xsl:variable name="words" select="tei:ref[not($quoted)][normalize-space(.) != ''][following-sibling::tei:bibl][1]"/>
    <xsl:variable name="sources" select="(tei:bibl | tei:ref | tei:ptr)[count(. | $words) != count($words)]"/>
    <xsl:choose>
      <xsl:when test="$block = 'y'">
        <div class="cit">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:apply-templates select="$quoted | $words"/>
          <xsl:if test="$sources">
            <p class="quote-source-line"><xsl:text>— </xsl:text><xsl:call-template name="cit-sources"><xsl:with-param name="sources" select="$sources"/></xsl:call-template></p>
          </xsl:if>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <span class="cit">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:apply-templates select="$quoted | $words"/>
          <xsl:if test="$sources">
            <xsl:text> (</xsl:text><xsl:call-template name="cit-sources"><xsl:with-param name="sources" select="$sources"/></xsl:call-template><xsl:text>)</xsl:text>
          </xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A cit's sources one after the other, a word apart ("; " after one that does not end
       in punctuation of its own). -->
  <xsl:template name="cit-sources">
    <xsl:param name="sources"/>
    <xsl:for-each select="$sources">
      <xsl:variable name="i" select="position()"/>
      <xsl:if test="$i &gt; 1">
        <xsl:variable name="previous" select="normalize-space($sources[$i - 1])"/>
        <xsl:choose>
          <xsl:when test="$previous = '' or contains('.,;:', substring($previous, string-length($previous)))"><xsl:text> </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>; </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
