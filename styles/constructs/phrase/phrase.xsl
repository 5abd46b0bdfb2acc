<?xml version="1.0" encoding="UTF-8"?>
<!-- Phrase-level rendering: hi/@rend/@rendition, emph, foreign, distinct, code-like elements, mentioned, term, gloss, soCalled, and links (ref, ptr). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- ============ highlighting ============ -->
  <!-- @rend tokens, @rendition pointers (the rendition's CSS read for the usual
       properties) and @style are mapped onto HTML phrase elements, nested. -->
  <xsl:template match="tei:hi">
    <xsl:variable name="r">
      <xsl:text> </xsl:text>
      <xsl:value-of select="translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  ')"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="rend-synonyms"><xsl:with-param name="r" select="concat(' ', translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  '), ' ')"/></xsl:call-template>
      <xsl:for-each select="str:tokenize(normalize-space(@rendition), ' ')">
        <xsl:variable name="id" select="substring-after(., '#')"/>
        <xsl:value-of select="concat($id, ' ')"/>
      </xsl:for-each>
      <xsl:call-template name="css-tokens">
        <xsl:with-param name="css">
          <xsl:value-of select="@style"/>
          <xsl:text>;</xsl:text>
          <xsl:call-template name="rendition-css"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <!-- no rendition given: highlighted text is set in italics, as most printed sources do -->
      <xsl:when test="normalize-space($r) = ''">
        <i class="hi hi-default">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:apply-templates/>
        </i>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="hi-wrap">
          <xsl:with-param name="r" select="$r"/>
          <xsl:with-param name="step" select="1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- @rend values in the edition's own language ("cursiva", "negrita" of a Spanish
       chapbook, "kursiv", "fett"…) as the tokens above: the refrains of a song book lost
       their italics. -->
  <xsl:template name="rend-synonyms">
    <xsl:param name="r"/>
    <xsl:if test="contains($r, ' cursiva ') or contains($r, ' kursiv ') or contains($r, ' corsivo ') or contains($r, ' italique ')
        or contains($r, ' cursief ') or contains($r, ' itálico ') or contains($r, ' italico ')"> italic </xsl:if>
    <xsl:if test="contains($r, ' negrita ') or contains($r, ' fett ') or contains($r, ' gras ') or contains($r, ' grassetto ')
        or contains($r, ' negrito ') or contains($r, ' vet ') or contains($r, ' bolded ')"> bold </xsl:if>
    <xsl:if test="contains($r, ' versalitas ') or contains($r, ' kapitälchen ') or contains($r, ' maiuscoletto ') or contains($r, ' petites-capitales ')"> smallcaps </xsl:if>
    <!-- (block letters, capitals: a letter's "AMSTERDAM" written so) -->
    <xsl:if test="contains($r, ' blockletter ') or contains($r, ' blockletters ') or contains($r, ' capitals ') or contains($r, ' versal ')
        or contains($r, ' majuscules ') or contains($r, ' mayúsculas ') or contains($r, ' kapitalen ')"> caps </xsl:if>
    <xsl:if test="contains($r, ' subrayado ') or contains($r, ' unterstrichen ') or contains($r, ' souligné ') or contains($r, ' sottolineato ')"> underline </xsl:if>
    <xsl:if test="contains($r, ' superíndice ') or contains($r, ' hochgestellt ') or contains($r, ' exposant ') or contains($r, ' apice ')"> sup </xsl:if>
    <!-- (struck out, as a diary edition says it: emph rend="deleted") -->
    <xsl:if test="contains($r, ' deleted ') or contains($r, ' struck ') or contains($r, ' crossed ') or contains($r, ' cancelled ')
        or contains($r, ' crossedout ') or contains($r, ' strikeout ') or contains($r, ' durchgestrichen ') or contains($r, ' barré ')"> strikethrough </xsl:if>
  </xsl:template>

  <xsl:template name="css-tokens">
    <xsl:param name="css"/>
    <xsl:variable name="c" select="translate($css, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:if test="contains($c, 'font-style:italic') or contains($c, 'font-style:oblique')"> italic </xsl:if>
    <xsl:if test="contains($c, 'font-weight:bold') or contains($c, 'font-weight:700') or contains($c, 'font-weight:bolder')"> bold </xsl:if>
    <xsl:if test="contains($c, 'small-caps')"> smallcaps </xsl:if>
    <xsl:if test="contains($c, 'underline')"> underline </xsl:if>
    <xsl:if test="contains($c, 'line-through')"> strikethrough </xsl:if>
    <xsl:if test="contains($c, 'vertical-align:super')"> sup </xsl:if>
    <xsl:if test="contains($c, 'vertical-align:sub')"> sub </xsl:if>
    <xsl:if test="contains($c, 'uppercase')"> caps </xsl:if>
    <xsl:if test="contains($c, 'letter-spacing')"> spaced </xsl:if>
    <xsl:if test="contains($c, 'color:red') or contains($c, 'color:#f00') or contains($c, 'color:#ff0000')"> red </xsl:if>
  </xsl:template>

  <xsl:template name="hi-wrap">
    <xsl:param name="r"/>
    <xsl:param name="step"/>
    <xsl:variable name="next" select="$step + 1"/>
    <xsl:choose>
      <xsl:when test="$step = 1 and (contains($r, ' italic ') or contains($r, ' i ') or contains($r, ' it ') or contains($r, ' italics ') or contains($r, ' italic, ') or contains($r, ' ital '))">
        <i class="hi"><xsl:call-template name="hi-atts"/><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></i>
      </xsl:when>
      <xsl:when test="$step = 2 and (contains($r, ' bold ') or contains($r, ' b ') or contains($r, ' bf '))">
        <b class="hi"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></b>
      </xsl:when>
      <xsl:when test="$step = 3 and (contains($r, ' sup ') or contains($r, ' superscript ') or contains($r, ' super ') or contains($r, ' sup'))">
        <sup><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></sup>
      </xsl:when>
      <xsl:when test="$step = 4 and (contains($r, ' sub ') or contains($r, ' subscript '))">
        <sub><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></sub>
      </xsl:when>
      <xsl:when test="$step = 5 and (contains($r, ' underline ') or contains($r, ' u ') or contains($r, ' ul ') or contains($r, ' underlined ')
          or contains($r, ' doubleunderline ') or contains($r, ' wavyunderline '))">
        <!-- underlined twice, or with a wavy line, as the TEI Stylesheets' rend values say -->
        <u>
          <xsl:if test="contains($r, ' doubleunderline ')"><xsl:attribute name="class">double</xsl:attribute></xsl:if>
          <xsl:if test="contains($r, ' wavyunderline ')"><xsl:attribute name="class">wavy</xsl:attribute></xsl:if>
          <xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template>
        </u>
      </xsl:when>
      <xsl:when test="$step = 6 and (contains($r, ' strikethrough ') or contains($r, ' strike ') or contains($r, ' line-through ') or contains($r, ' s ') or contains($r, ' overstrike ')
          or contains($r, ' strikedoublethrough '))">
        <s>
          <xsl:if test="contains($r, ' strikedoublethrough ')"><xsl:attribute name="class">double</xsl:attribute></xsl:if>
          <xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></s>
      </xsl:when>
      <xsl:when test="$step = 7 and (contains($r, ' smallcaps ') or contains($r, ' sc ') or contains($r, ' small-caps ') or contains($r, ' smcap ') or contains($r, ' smallcap '))">
        <span class="smallcaps"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 8 and (contains($r, ' caps ') or contains($r, ' allcaps ') or contains($r, ' uppercase ') or contains($r, ' upper '))">
        <span class="caps"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 9 and (contains($r, ' spaced ') or contains($r, ' letterspace ') or contains($r, ' gesperrt ') or contains($r, ' g '))">
        <span class="spaced"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step = 10 and (contains($r, ' quoted ') or contains($r, ' quotes '))">
        <!-- rendered with quotation marks in the source: the marks of the language, as text -->
        <xsl:variable name="marked"><xsl:call-template name="marked"/></xsl:variable>
        <span class="q quoted">
          <xsl:call-template name="open-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
          <xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template>
          <xsl:call-template name="close-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
        </span>
      </xsl:when>
      <!-- written in red (a rubric of a manuscript, a red-printed word): in the edition's
           red on the web and in the PDF (an EPUB leaves colours to the reading system) -->
      <xsl:when test="$step = 11 and (contains($r, ' red ') or contains($r, ' rubric ') or contains($r, ' rubricated '))">
        <span class="rubric"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="$step &lt; 12">
        <xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="$next"/></xsl:call-template>
      </xsl:when>
      <!-- the content itself; in a span when it has an id, a language or a rendition
           the elements above do not express (kept in data-rend for CSS) -->
      <xsl:when test="@xml:id or @xml:lang or str:tokenize(translate(@rend, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  '), ' ')
          [not(contains($known-rends, concat(' ', ., ' ')))]">
        <span class="hi-content">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="normalize-space(@rend) != ''"><xsl:attribute name="data-rend"><xsl:value-of select="normalize-space(@rend)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="hi-atts"/>
  <xsl:variable name="known-rends" select="' italic i it italics ital bold b bf sup superscript super sub subscript underline u ul underlined doubleunderline wavyunderline strikethrough strike line-through s overstrike strikedoublethrough smallcaps sc small-caps smcap smallcap caps allcaps uppercase upper spaced letterspace gesperrt g quoted quotes red rubric rubricated cursiva kursiv corsivo italique cursief itálico italico negrita fett gras grassetto negrito vet bolded versalitas kapitälchen maiuscoletto petites-capitales subrayado unterstrichen souligné sottolineato superíndice hochgestellt exposant apice deleted struck crossed cancelled crossedout strikeout durchgestrichen barré blockletter blockletters capitals versal majuscules mayúsculas kapitalen '"/>

  <xsl:template match="tei:emph">
    <xsl:variable name="own" select="concat(' ', translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()', 'abcdefghijklmnopqrstuvwxyz  '), ' ')"/>
    <xsl:variable name="r"><xsl:value-of select="$own"/><xsl:call-template name="rend-synonyms"><xsl:with-param name="r" select="$own"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <!-- emphasis the source sets otherwise than in italics (rend="smallcaps", "bold",
           "spaced"…): emphasis still, set as the source sets it, not also in italics -->
      <xsl:when test="not(contains($r, ' italic ') or contains($r, ' i ') or contains($r, ' it ') or contains($r, ' italics ') or contains($r, ' ital '))
          and str:tokenize($r, ' ')[contains($known-rends, concat(' ', ., ' '))]">
        <em class="emph-rend"><xsl:call-template name="hi-wrap"><xsl:with-param name="r" select="$r"/><xsl:with-param name="step" select="1"/></xsl:call-template></em>
      </xsl:when>
      <xsl:otherwise>
        <em><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></em>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:foreign">
    <i class="foreign"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></i>
  </xsl:template>
  <xsl:template match="tei:distinct">
    <i class="distinct"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></i>
  </xsl:template>
  <xsl:template match="tei:code | tei:gi | tei:att | tei:val | tei:tag | tei:ident">
    <code class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:call-template name="markup-delimiter"><xsl:with-param name="at" select="'start'"/></xsl:call-template>
      <xsl:apply-templates/>
      <xsl:call-template name="markup-delimiter"><xsl:with-param name="at" select="'end'"/></xsl:call-template>
    </code>
  </xsl:template>
  <!-- Names of markup written as the Guidelines write them: an element's name in angle
       brackets (<div>), a tag as it is typed (</p>, <lb/>), an attribute after its @
       (@type), a value in quotation marks ("display"). -->
  <xsl:template name="markup-delimiter">
    <xsl:param name="at"/>
    <xsl:variable name="type" select="normalize-space(@type)"/>
    <xsl:choose>
      <xsl:when test="self::tei:gi and $at = 'start'">&lt;</xsl:when>
      <xsl:when test="self::tei:gi">&gt;</xsl:when>
      <xsl:when test="self::tei:tag and $at = 'start'">
        <xsl:choose>
          <xsl:when test="$type = 'end'">&lt;/</xsl:when>
          <xsl:when test="$type = 'pi'">&lt;?</xsl:when>
          <xsl:when test="$type = 'comment'">&lt;!--</xsl:when>
          <xsl:when test="$type = 'ms'">&lt;![CDATA[</xsl:when>
          <xsl:otherwise>&lt;</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="self::tei:tag">
        <xsl:choose>
          <xsl:when test="$type = 'empty'">/&gt;</xsl:when>
          <xsl:when test="$type = 'pi'">?&gt;</xsl:when>
          <xsl:when test="$type = 'comment'">--&gt;</xsl:when>
          <xsl:when test="$type = 'ms'">]]&gt;</xsl:when>
          <xsl:otherwise>&gt;</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="self::tei:att and $at = 'start'">@</xsl:when>
      <xsl:when test="self::tei:val">"</xsl:when>
    </xsl:choose>
  </xsl:template>
  <!-- Code of several lines (a listing in a paragraph, often in CDATA): its lines kept,
       never justified, from its first line that is not blank. A code the sentence goes
       on right after ("with <code>git&#10;  add</code>.") is a phrase the file's lines
       wrapped: its white space is one space. -->
  <xsl:template match="tei:code[contains(., '&#10;')]">
    <xsl:variable name="lines" select="str:tokenize(., '&#10;')[normalize-space(.) != '']"/>
    <xsl:variable name="after" select="substring(following-sibling::node()[1][self::text()], 1, 1)"/>
    <xsl:choose>
      <xsl:when test="count($lines) &gt; 1 and not($after != '' and normalize-space($after) != '')">
        <code class="code lines"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:value-of select="concat($lines[1], substring-after(., $lines[1]))"/>
        </code>
      </xsl:when>
      <xsl:otherwise>
        <code class="code"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:value-of select="normalize-space(.)"/></code>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A word the writer distances himself from: in quotation marks (constructs/quotation). -->
  <xsl:template match="tei:soCalled">
    <xsl:variable name="marked"><xsl:call-template name="marked"/></xsl:variable>
    <span class="socalled{$marked}"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:call-template name="open-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
      <xsl:apply-templates/>
      <xsl:call-template name="close-mark"><xsl:with-param name="marked" select="$marked"/></xsl:call-template>
    </span>
  </xsl:template>
  <xsl:template match="tei:mentioned">
    <em class="mentioned"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></em>
  </xsl:template>
  <xsl:template match="tei:term">
    <i class="term"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></i>
  </xsl:template>
  <xsl:template match="tei:gloss">
    <span class="gloss"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============ links ============ -->
  <!-- A pointer that points nowhere (no @target: "<ptr xml:id='ded'/>", a place other
       pointers aim at) shows nothing; it showed "[]" before a speaker. -->
  <xsl:template match="tei:ptr[not(normalize-space(@target) != '')][not(normalize-space(@cRef) != '')]" priority="3">
    <xsl:if test="@xml:id"><span class="anchor"><xsl:call-template name="atts"/></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$first"/></xsl:call-template></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="self::tei:ref and normalize-space(.) != ''"/>
        <xsl:when test="starts-with($first, '#') and key('id', substring($first, 2))">
          <xsl:for-each select="key('id', substring($first, 2))[1]">
            <xsl:variable name="para"><xsl:if test="self::tei:p"><xsl:call-template name="para-number"/></xsl:if></xsl:variable>
            <xsl:choose>
              <xsl:when test="self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7"><xsl:call-template name="division-label"/></xsl:when>
              <xsl:when test="self::tei:bibl or self::tei:biblStruct"><xsl:call-template name="bibl-label"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:when>
              <xsl:when test="self::tei:note"><xsl:value-of select="concat($L[@k = 'note'], ' ')"/><xsl:call-template name="note-number"/></xsl:when>
              <!-- other targets by what a reader can find: a numbered paragraph, a verse
                   line or a page of the source by its number, a heading's words, a
                   register entry's name; anything else is "passage", never an id -->
              <xsl:when test="normalize-space($para) != ''"><xsl:call-template name="locator"/></xsl:when>
              <xsl:when test="self::tei:l and normalize-space(@n) != ''"><xsl:value-of select="concat($L[@k = 'line-abbr'], '&#160;', normalize-space(@n))"/></xsl:when>
              <xsl:when test="self::tei:pb and normalize-space(@n) != ''"><xsl:value-of select="concat($L[@k = 'page'], ' ', normalize-space(@n))"/></xsl:when>
              <xsl:when test="tei:head[normalize-space(.) != '']"><xsl:apply-templates select="tei:head[normalize-space(.) != ''][1]" mode="plain"/></xsl:when>
              <xsl:when test="self::tei:person or self::tei:place or self::tei:org or self::tei:personGrp">
                <xsl:call-template name="name-of"><xsl:with-param name="node" select="(tei:persName | tei:placeName | tei:orgName | tei:name | .)[1]"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$L[@k = 'passage']"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <!-- an address the reader can follow: the address itself -->
        <xsl:when test="$href != '' and not(starts-with($first, '#'))"><xsl:value-of select="$first"/></xsl:when>
        <!-- a target that is no link: shown in brackets -->
        <xsl:otherwise><xsl:value-of select="concat('[', $first, ']')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- a link text made here is a word of its own, never glued to the word before -->
    <xsl:if test="$text != ''"><xsl:call-template name="space-before"/></xsl:if>
    <xsl:choose>
      <xsl:when test="$href != '' and $in-link != 'y' and not(.//tei:note[not(@place = 'inline')] or .//tei:ref or .//tei:ptr or .//*[@ref] or .//tei:app)">
        <a href="{$href}" class="{local-name()}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <!-- a paragraph's number or the word "passage": in print, where paragraphs are
               not numbered, the page is what a reader can find (writers/pdf) -->
          <xsl:if test="self::tei:ptr and starts-with($first, '#') and (key('id', substring($first, 2))[1][self::tei:p] or $text = $L[@k = 'passage'])">
            <xsl:attribute name="data-page-abbr"><xsl:value-of select="$L[@k = 'page-abbr']"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="@target"><xsl:attribute name="data-target"><xsl:value-of select="normalize-space(@target)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
          <xsl:value-of select="$text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
